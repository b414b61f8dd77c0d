package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Numbers are accepted as the help writes them (ASCII decimal, and scientific notation like
 * {@code 3e-3}) and in no other form, for every numeric option of every command — found from
 * the command tree itself, so a new option is covered the day it is added — and for the numbers
 * inside text options ({@code --input}, {@code --stride}, {@code --padding}, {@code --weights},
 * {@code --at}, {@code --stack}, the {@code --data} spec's keys). An error repeats at most a short
 * prefix of a huge value.
 */
class NumbersTableTest {
    /** Forms Java's parsers accept that the help never shows. */
    private static final List<String> FOREIGN = List.of("3e-3f", "0x1p-3", "1d", "٣", "１２", "1L", "0x10", "Infinity");

    /**
     * Every numeric option (int, long, float, double, boxed, arrays and lists of them), by
     * command, each with one of the foreign forms in turn (so every form meets several options
     * and the table stays quick), and {@code serve --port} and {@code train --lr} with all.
     */
    static Stream<Arguments> numericOptions() {
        List<Arguments> out = new ArrayList<>();
        int turn = 0;
        for (Map.Entry<String, CommandLine> e : Main.commandLine().getSubcommands().entrySet()) {
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                if (isNumeric(o)) {
                    String name = e.getKey() + " " + o.longestName();
                    if (name.equals("serve --port") || name.equals("train --lr")) {
                        for (String bad : FOREIGN) {
                            out.add(Arguments.of(e.getKey(), o.longestName(), bad));
                        }
                    } else {
                        out.add(Arguments.of(e.getKey(), o.longestName(), FOREIGN.get(turn++ % FOREIGN.size())));
                    }
                }
            }
        }
        return out.stream();
    }

    private static boolean isNumeric(OptionSpec o) {
        Class<?> t = o.type().isArray() ? o.type().getComponentType() : o.type();
        if (List.class.isAssignableFrom(t)) {
            t = o.auxiliaryTypes()[0];
        }
        return List.of(int.class, long.class, float.class, double.class, Integer.class, Long.class, Float.class,
                Double.class).contains(t);
    }

    @ParameterizedTest(name = "{index}: {0} {1} {2}")
    @MethodSource("numericOptions")
    void aNumericOptionRefusesEveryFormTheHelpDoesNotShow(String command, String option, String bad) {
        Cli r = Cli.run(command, option, bad);
        assertOneUsageLine(r, option, bad);
    }

    @Test
    void theTableFindsTheNumericOptionsOfEveryKindOfCommand() {
        List<String> found = numericOptions().map(a -> a.get()[0] + " " + a.get()[1]).distinct().toList();
        assertThat(found).contains("serve --port", "train --lr", "train --epochs", "train --seed", "train --mean",
                "bench --threads", "worksheet --generate", "reproduce --seeds", "data --per-class").hasSizeGreaterThan(40);
    }

    static Stream<Arguments> numbersInsideText() {
        List<Arguments> c = new ArrayList<>();
        for (String bad : List.of("٣", "３", "0x3", "3d", "+٣")) {
            c.add(Arguments.of("--input", new String[] {"shape", "--input", bad, "--kernel", "1"}));
            c.add(Arguments.of("--input", new String[] {"shape", "--input", "9x" + bad, "--kernel", "1"}));
            c.add(Arguments.of("--kernel", new String[] {"cost", "--input", "9", "--kernel", bad}));
            c.add(Arguments.of("--stride", new String[] {"elements", "--input", "9", "--kernel", "3", "--stride", bad}));
            c.add(Arguments.of("--dilation", new String[] {"matrix", "--input", "9", "--kernel", "3", "--dilation", bad}));
            c.add(Arguments.of("padding", new String[] {"shape", "--input", "9", "--kernel", "3", "--padding", bad}));
            c.add(Arguments.of("--at", new String[] {"elements", "--input", "9", "--kernel", "3", "--at", bad}));
            c.add(Arguments.of("--stack", new String[] {"cost", "--input", "3x9x9", "--stack", "conv k" + bad}));
            c.add(Arguments.of("--data", new String[] {"data", "--data", "synthetic:train=" + bad}));
            c.add(Arguments.of("--data", new String[] {"train", "--data", "synthetic:seed=" + bad}));
        }
        for (String bad : List.of("3e-3f", "0x1p-3", "1d", "٣", "Infinity", "NaN")) {
            c.add(Arguments.of("--weights", new String[] {"matrix", "--input", "4", "--kernel", "3", "--weights",
                "1,2," + bad}));
        }
        return c.stream();
    }

    @ParameterizedTest(name = "{index}: {0}: {1}")
    @MethodSource("numbersInsideText")
    void numbersInsideTextOptionsAreAsciiDecimalToo(String culprit, String[] args) {
        Cli r = Cli.run(args);
        assertThat(r.exit()).as("exit of %s (stderr %s)", Arrays.toString(args), r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains(culprit).doesNotContain("Exception");
    }

    @Test
    void theDocumentedFormsStillWork() {
        assertThat(Cli.run("shape", "--input", "+9", "--kernel", "3").exit()).isZero();
        Cli r = Cli.run("matrix", "--input", "4", "--kernel", "3", "--weights", "1e0,-2.5E-1,.5", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("1,-0.25,0.5,0\n0,1,-0.25,0.5");
    }

    @Test
    void aHugeBadValueIsEchoedAsAShortPrefix() {
        String huge = "7".repeat(200_000) + "f";
        for (String[] args : List.of(new String[] {"train", "--lr", huge}, new String[] {"shape", "--input", huge,
            "--kernel", "3"}, new String[] {"frobnicate" + huge}, new String[] {"serve", "--port", huge})) {
            Cli r = Cli.run(args);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").hasSizeLessThan(300).containsPattern("2000(01|11) characters");
        }
    }

    static void assertOneUsageLine(Cli r, String option, String bad) {
        assertThat(r.exit()).as("exit (stderr %s)", r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains(option).contains("'" + bad + "'")
                .doesNotContain("Exception").doesNotContain("at org.");
    }
}
