package org.convlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
    /** What the tests run in the child: prints its arguments, or fails, or hangs, as asked. */
    public static final class Echo {
        public static void main(String[] args) throws InterruptedException {
            if (args.length > 0 && args[0].equals("fail")) {
                System.exit(3);
            }
            if (args.length > 0 && args[0].equals("hang")) {
                Thread.sleep(60_000);
            }
            if (args.length > 0 && args[0].equals("much")) {
                // more than a pipe holds (64 KiB), printed before the child exits
                System.out.print("x".repeat(200_000));
                System.out.println();
                return;
            }
            if (args.length > 0 && args[0].equals("property")) {
                System.out.println(System.getProperty(args[1]));
                return;
            }
            System.out.println(String.join(" ", args) + " " + System.getProperty("java.class.path").isEmpty());
        }
    }

    @Test
    void returnsWhatTheChildPrinted() {
        Optional<String> out = ChildJvm.output(Echo.class.getName(), List.of("a", "b c"), 60);
        assertThat(out).hasValueSatisfying(s -> assertThat(s.trim()).isEqualTo("a b c false"));
    }

    @Test
    void theChildGetsTheJvmOptionsGivenAfterThisJvmsFlags() {
        Optional<String> out = ChildJvm.output(Echo.class.getName(), List.of("-Dconvlab.child.test=given"),
                List.of("property", "convlab.child.test"), 60);
        assertThat(out).hasValueSatisfying(s -> assertThat(s.trim()).isEqualTo("given"));
        assertThat(ChildJvm.output(Echo.class.getName(), List.of("property", "convlab.child.test"), 60))
                .hasValueSatisfying(s -> assertThat(s.trim()).isEqualTo("null"));
    }

    @Test
    void readsMoreThanAPipeHolds() {
        Optional<String> out = ChildJvm.output(Echo.class.getName(), List.of("much"), 60);
        assertThat(out).hasValueSatisfying(s -> assertThat(s.trim()).hasSize(200_000));
    }

    @Test
    void aChildThatFailsGivesNothing() {
        assertThat(ChildJvm.output(Echo.class.getName(), List.of("fail"), 60)).isEmpty();
    }

    @Test
    void aChildThatRunsPastItsTimeIsStoppedAndGivesNothing() {
        long t0 = System.nanoTime();
        assertThat(ChildJvm.output(Echo.class.getName(), List.of("hang"), 2)).isEmpty();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    }

    /** Only a java launcher runs a child: an application image's own launcher would take the flags as arguments. */
    @Test
    void onlyAJavaLauncherStartsAChild() {
        assertThat(ChildJvm.isJava("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")).isTrue();
        assertThat(ChildJvm.isJava("/c/jdk/bin/java.exe")).isTrue();
        assertThat(ChildJvm.isJava("/opt/convlab/bin/convlab")).isFalse();
        assertThat(ChildJvm.isJava("/usr/bin/javac")).isFalse();
    }

    @Test
    void theChildGetsTheJvmFlagsButNoAgentAndNoSharedArchive() {
        assertThat(ChildJvm.arguments(List.of("--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC",
                "-Dconvlab.vector.bits=256", "-javaagent:/x/jacoco.jar=destfile=a.exec",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/x/convlab.jsa", "-Xshare:auto", "-Xmx2g")))
                .containsExactly("--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC",
                        "-Dconvlab.vector.bits=256", "-Xmx2g");
    }
}
