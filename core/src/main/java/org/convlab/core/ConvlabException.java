package org.convlab.core;

/**
 * A failure caused by what a user asked for or gave, with a one-line message that names the
 * culprit and the exit code the command line should end with.
 */
public class ConvlabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code for a usage error: a parameter value or a combination of them is invalid. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a runtime failure: a damaged file, a diverging run, an I/O error. */
    public static final int EXIT_RUNTIME = 1;

    private final int exitCode;

    public ConvlabException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ConvlabException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure: {@link #EXIT_USAGE} or {@link #EXIT_RUNTIME}. */
    public int exitCode() {
        return exitCode;
    }
}
