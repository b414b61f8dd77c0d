package org.convlab.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries name Java parameters, never command-line flags: no
 * {@code new BadParameterException(...)} in the main code of a library module may contain a
 * string literal with a {@code --flag}. Only the app maps Java names to options
 * ({@code org.convlab.app.OptionNames}).
 */
class LibrariesSpeakJavaTest {
    /** The library modules, as directories next to the app's. */
    private static final List<String> LIBRARIES = List.of("core", "algebra", "tensor", "nn", "data", "lab");

    /**
     * Files still naming flags while another change rewrites them (the training loop moves
     * out of lab/train); each must still offend, so that the exemption is removed with the fix.
     */
    private static final Set<String> PENDING = Set.of();

    private static final Pattern THROW = Pattern.compile("new\\s+BadParameterException\\s*\\(");
    private static final Pattern FLAG_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*--[a-z][^\"]*\"");

    @Test
    void noLibraryExceptionNamesACommandLineFlag() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String module : LIBRARIES) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    scanned++;
                    for (String call : offendingCalls(Files.readString(f))) {
                        offenders.add(root.relativize(f) + ": " + call);
                    }
                }
            }
        }
        assertThat(scanned).as("library source files scanned").isGreaterThan(200);
        List<String> pendingSeen = offenders.stream().map(o -> o.substring(0, o.indexOf(": "))).distinct()
                .filter(PENDING::contains).toList();
        assertThat(offenders.stream().filter(o -> !PENDING.contains(o.substring(0, o.indexOf(": ")))))
                .as("BadParameterExceptions naming a --flag in library code (name the Java parameter instead;"
                        + " the app's OptionNames maps it to the option)")
                .isEmpty();
        assertThat(pendingSeen).as("pending files that no longer name flags: drop them from PENDING")
                .containsExactlyInAnyOrderElementsOf(PENDING);
    }

    @Test
    void theScanFindsAFlagInAThrowAcrossLines() {
        String code = "if (x) {\n throw new BadParameterException(\"stride\",\n   \"use --same-mode tf\");\n}\n"
                + "throw new BadParameterException(\"stride\", \"a positive integer\", s);\n"
                + "String help = \"--not-in-a-throw\";";
        assertThat(offendingCalls(code)).hasSize(1).first().asString().contains("--same-mode");
        assertThat(offendingCalls("throw new BadParameterException(\"--at\", \"x\", y);")).hasSize(1);
        assertThat(offendingCalls("throw new BadParameterException(\"a--b\", \"x\", y);")).isEmpty();
    }

    /** The {@code new BadParameterException(...)} expressions of {@code code} with a flag in a literal. */
    static List<String> offendingCalls(String code) {
        List<String> out = new ArrayList<>();
        Matcher m = THROW.matcher(code);
        while (m.find()) {
            String call = code.substring(m.start(), closingParen(code, m.end() - 1) + 1);
            Matcher lit = FLAG_LITERAL.matcher(call);
            while (lit.find()) {
                if (Pattern.compile("(?<![\\w-])--[a-z]").matcher(lit.group()).find()) {
                    out.add(call.replaceAll("\\s+", " "));
                    break;
                }
            }
        }
        return out;
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping string and char literals. */
    private static int closingParen(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; i < code.length() && code.charAt(i) != c; i++) {
                    if (code.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }
}
