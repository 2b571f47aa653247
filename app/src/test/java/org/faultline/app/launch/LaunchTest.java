package org.faultline.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.faultline.app.cli.Cli;
import org.junit.jupiter.api.Test;

class LaunchTest {
    private static final Set<String> COMMANDS = Cli.commandNames();

    private static Launch.Decision decide(boolean display, String... args) {
        return Launch.decide(args, COMMANDS, display);
    }

    @Test
    void noArgumentsOpenTheWindowWhenThereIsADisplay() {
        assertThat(decide(true)).isEqualTo(new Launch.Decision(true, java.util.List.of(), java.util.List.of(), null, false));
        Launch.Decision headless = decide(false);
        assertThat(headless.gui()).isFalse();
        assertThat(headless.cliArgs()).isEmpty();
    }

    @Test
    void guiAndBareFilesOpenTheWindow() {
        assertThat(decide(true, "gui", "a.dmp", "b.zip").files()).containsExactly("a.dmp", "b.zip");
        assertThat(decide(true, "a.dmp", "folder").files()).containsExactly("a.dmp", "folder");
        assertThat(decide(true, "a.dmp").gui()).isTrue();
    }

    @Test
    void commandsAndOptionsStayOnTheCommandLine() {
        assertThat(COMMANDS).contains("info", "analyze", "disasm", "gui");
        assertThat(decide(true, "analyze", "a.dmp").gui()).isFalse();
        assertThat(decide(true, "--version").cliArgs()).containsExactly("--version");
        assertThat(decide(true, "info", "x").cliArgs()).containsExactly("info", "x");
    }

    @Test
    void withoutADisplayFilesAreAnalyzedOnTheCommandLine() {
        Launch.Decision d = decide(false, "a.dmp");
        assertThat(d.gui()).isFalse();
        assertThat(d.cliArgs()).containsExactly("analyze", "a.dmp");
        assertThat(d.note()).contains("No display found").contains("faultline analyze");
        assertThat(decide(false, "gui", "a.dmp").cliArgs()).containsExactly("gui", "a.dmp");
    }

    @Test
    void teachOpensTheWindowInTeachingMode() {
        assertThat(COMMANDS).contains("teach");
        Launch.Decision d = decide(true, "teach");
        assertThat(d.gui()).isTrue();
        assertThat(d.headless()).isFalse();
        assertThat(d.files()).containsExactly(Launch.TEACH);
        String target = java.nio.file.Path.of("out", "lesson.md").toAbsolutePath().normalize().toString();
        assertThat(decide(true, "teach", "--handout", "out/lesson.md").files())
                .containsExactly(Launch.TEACH, Launch.HANDOUT + target);
        assertThat(decide(true, "teach", "--handout=out/lesson.md").files())
                .containsExactly(Launch.TEACH, Launch.HANDOUT + target);
    }

    @Test
    void withoutADisplayOnlyTheHandoutIsDrawnHeadless() {
        String[] handout = {"teach", "--handout", "lesson.md"};
        Launch.Decision d = Launch.decide(handout, COMMANDS, false, true);
        assertThat(d.gui()).isTrue();
        assertThat(d.headless()).isTrue();
        // No Monocle: the command explains.
        assertThat(Launch.decide(handout, COMMANDS, false, false).cliArgs()).containsExactly(handout);
        // The lesson itself needs someone at a screen.
        assertThat(Launch.decide(new String[] {"teach"}, COMMANDS, false, true).gui()).isFalse();
        // Help and wrong options go to the command line, which explains them.
        assertThat(decide(true, "teach", "--help").gui()).isFalse();
        assertThat(decide(true, "teach", "--handout").gui()).isFalse();
        assertThat(decide(true, "teach", "extra").gui()).isFalse();
        // The tests run with Monocle on the class path, as the app does.
        assertThat(Launch.headlessWindowAvailable()).isTrue();
    }

    @Test
    void teachWithoutAWindowSaysWhy() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = new Cli(new java.io.PrintWriter(out), new java.io.PrintWriter(err)).run("teach");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("faultline teach: No display found");
        // A name no file system takes goes to the command line, which says so instead of failing.
        assertThat(decide(true, "teach", "--handout", "a\0b.md").gui()).isFalse();
        java.io.StringWriter bad = new java.io.StringWriter();
        code = new Cli(new java.io.PrintWriter(out), new java.io.PrintWriter(bad)).run("teach", "--handout", "a\0b.md");
        assertThat(code).isEqualTo(2);
        assertThat(bad.toString()).contains("--handout: not a file name");
        code = new Cli(new java.io.PrintWriter(out), new java.io.PrintWriter(err)).run("teach", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--handout=FILE.md").contains("July 19, 2024");
    }

    @Test
    void displayDetection() {
        assertThat(Launch.displayAvailable(Map.of(), "Linux")).isFalse();
        assertThat(Launch.displayAvailable(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
        assertThat(Launch.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isTrue();
        assertThat(Launch.displayAvailable(Map.of("DISPLAY", " "), "FreeBSD")).isFalse();
        assertThat(Launch.displayAvailable(Map.of(), "Windows 11")).isTrue();
        assertThat(Launch.displayAvailable(Map.of(), "Mac OS X")).isTrue();
    }
}
