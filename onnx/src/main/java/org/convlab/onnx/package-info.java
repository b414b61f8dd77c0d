/**
 * Models out to and in from ONNX files: {@link org.convlab.onnx.OnnxExport} writes a
 * {@link org.convlab.nn.Module} as an ONNX graph of standard operators,
 * {@link org.convlab.onnx.OnnxImport} reads such a graph (including what {@code torch.onnx.export}
 * emits) back as a {@link org.convlab.nn.Sequential}. Files are validated before anything large is
 * allocated; every failure is one line naming the file and, where there is one, the node and its op.
 */
package org.convlab.onnx;
