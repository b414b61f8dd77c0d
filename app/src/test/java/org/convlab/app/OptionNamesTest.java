package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class OptionNamesTest {
    private static final Map<String, CommandLine> COMMANDS = Main.commandLine().getSubcommands();

    @Test
    void everyOptionInTheTableExistsInSomeCommand() {
        for (String option : OptionNames.OPTIONS.values()) {
            assertThat(COMMANDS.values().stream().anyMatch(c -> c.getCommandSpec().findOption(option) != null))
                    .as("a command with %s", option).isTrue();
        }
    }

    @Test
    void aJavaNameBecomesTheOptionOfTheCommandThatHasIt() {
        CommandSpec shape = COMMANDS.get("shape").getCommandSpec();
        assertThat(OptionNames.message(shape, new BadParameterException("outChannels", "a positive integer", 0)))
                .isEqualTo("--filters: expected a positive integer, got 0");
        var padding = new BadParameterException("padding", "not with stride 2; use sameMode tf").mentioning("sameMode");
        assertThat(OptionNames.message(shape, padding)).isEqualTo("--padding: not with stride 2; use --same-mode tf");
    }

    @Test
    void aJavaNameStaysWhereNoOptionCouldHaveCausedIt() {
        CommandSpec train = COMMANDS.get("train").getCommandSpec();
        assertThat(OptionNames.message(train, new BadParameterException("padding", "non-negative amounts", "[-1]")))
                .isEqualTo("padding: expected non-negative amounts, got '[-1]'");
        assertThat(OptionNames.message(train, new BadParameterException("lr", "a non-negative learning rate", -1.0)))
                .isEqualTo("--lr: expected a non-negative learning rate, got -1.0");
    }

    @Test
    void theCommandLineShowsTheOptionForALibraryError() {
        Cli r = Cli.run("elements", "--input", "9", "--kernel", "3", "--at", "middle");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("convlab elements: --at: expected ");
        Cli m = Cli.run("matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--format", "csv");
        assertThat(m.err().strip()).startsWith("convlab matrix: --format: expected a dense K")
                .endsWith("use --format coo or --format json for the sparse (COO) form");
    }
}
