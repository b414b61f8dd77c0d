package org.convlab.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.core.BadFileException;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.onnx.proto.Onnx.OperatorSetIdProto;

/**
 * Reads an ONNX file into its protobuf message, refusing before any large allocation a file that
 * is missing, too big, cut short, not protobuf, or not an ONNX model of a supported IR version
 * and opset.
 *
 * <p>The whole file is read into one array no larger than {@link #MAX_BYTES}; protobuf's parser
 * checks every length-delimited field against the bytes that are left, so a damaged length
 * never allocates more than the file holds.
 */
final class OnnxFile {
    /** The largest ONNX file read: 1 GiB (protobuf's own limit is 2 GiB; larger models keep external data). */
    static final long MAX_BYTES = 1L << 30;
    /** IR versions read: 3 (ONNX 1.0) to 10 (ONNX 1.16). */
    static final long MIN_IR = 3;
    static final long MAX_IR = 10;
    /** Opsets of the default domain read: 11 (Pad's pads as an input) to 18. */
    static final long MIN_OPSET = 11;
    static final long MAX_OPSET = 18;

    private OnnxFile() {
    }

    /** The parsed, checked model in {@code file}; the default domain's opset is in the result's opset list. */
    static ModelProto read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadFileException(file, "is a directory, expected an ONNX file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadFileException(file, Files.exists(file) ? "is not a regular file" : "no such file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new BadFileException(file, "is " + size + " bytes, more than the " + MAX_BYTES
                        + " an ONNX model may have here (models with external data are not read)");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadFileException(file, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        return parse(file, bytes);
    }

    /** The checked model in {@code bytes}; {@code file} names the source in messages. */
    static ModelProto parse(Path file, byte[] bytes) {
        if (bytes.length == 0) {
            throw new BadFileException(file, "is empty, expected an ONNX model");
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BadFileException(file, "is not an ONNX model, or is damaged or cut short (protobuf: "
                    + firstLine(e.getMessage()) + ")");
        }
        long ir = model.getIrVersion();
        if (!model.hasIrVersion() || !model.hasGraph()) {
            throw new BadFileException(file, "is not an ONNX model (no " + (model.hasIrVersion() ? "graph" : "IR version")
                    + " in it)");
        }
        if (ir < MIN_IR || ir > MAX_IR) {
            throw new BadFileException(file, "has ONNX IR version " + ir + ", expected " + MIN_IR + " to " + MAX_IR);
        }
        long opset = defaultOpset(model);
        if (opset < 0) {
            throw new BadFileException(file, "imports no opset of the default ONNX domain");
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new BadFileException(file, "uses opset " + opset + " of the default ONNX domain, expected "
                    + MIN_OPSET + " to " + MAX_OPSET);
        }
        return model;
    }

    /** The version of the default domain ({@code ""} or {@code ai.onnx}) the model imports, or -1. */
    static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return -1;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
