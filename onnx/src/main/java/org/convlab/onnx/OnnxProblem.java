package org.convlab.onnx;

/**
 * What is wrong with a part of an ONNX graph, raised while translating it and turned by
 * {@link OnnxImport} into one {@link org.convlab.core.BadFileException} line that names the file
 * and the node.
 */
final class OnnxProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnnxProblem(String message) {
        super(message, null, false, false);
    }
}
