package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /** The result of one command line: exit code and the two streams. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesFaultlineAndJava() {
        Run r = run("--version");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).startsWith("faultline 0.1.0-SNAPSHOT" + System.lineSeparator());
        assertThat(r.out()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Run r = run("--help");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("info").contains("3  the file is not a readable crash dump")
                .contains("4  file not found or unreadable");
    }

    @Test
    void noArgumentsWithoutADisplayShowsTheSamplesVerdict() {
        Run r = run();
        assertThat(r.code()).isEqualTo(0);
        if (org.faultline.app.launch.Launch.displayAvailable(System.getenv(), System.getProperty("os.name"))) {
            // Main opens the window before the command line is reached; a Cli run on its own prints the usage.
            assertThat(r.out()).contains("Usage: faultline");
            return;
        }
        // The sample's facts (docs/july-19-facts.md): bug check 0x50 at csagent+0xe14ed.
        assertThat(r.err()).contains("No display found").contains("faultline --help");
        assertThat(r.out()).contains("crowdstrike-csagent-2024-07-19.dmp").contains("csagent.sys")
                .contains("Bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA").contains("csagent+0xe14ed");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void infoWithoutFileIsAUsageError() {
        Run r = run("info");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void infoOnATextFileSaysNotACrashDump(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# Faultline\n", StandardCharsets.UTF_8);
        Run r = run("info", readme.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo(
                readme + ": not a crash dump: unknown signature 23 20 46 61 (\"# Fa\") at offset 0x0");
    }

    @Test
    void infoOnAMissingFileIsExit4(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-file");
        Run r = run("info", missing.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains(missing + ": no such file");
    }

    @Test
    void infoOnALegacyUserDumpIsUnsupported(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("old.dmp");
        Files.write(dump, "USERDU64\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        Run r = run("info", dump.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unsupported format: legacy user-mode dump (USERDU64)");
    }

    @Test
    void severalFilesReportTheWorstExitCode(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("k.dmp");
        byte[] b = new byte[0x2000];
        System.arraycopy("PAGEDU64".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        b[0xF98] = 4;
        Files.write(dump, b);
        Run r = run("info", dump.toString(), dir.resolve("gone").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).contains("k.dmp (8192 bytes)").contains("Format        kernel-triage");
    }
}
