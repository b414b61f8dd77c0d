package org.convlab.app;

/**
 * The entry point of the application image's {@code convlab-serve} launcher: {@code convlab serve}
 * with the options given, in a JVM whose heap the launcher bounds.
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) {
        Main.main(commandLine(args));
    }

    /** {@code serve} followed by {@code args}. */
    static String[] commandLine(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "serve";
        System.arraycopy(args, 0, line, 1, args.length);
        return line;
    }
}
