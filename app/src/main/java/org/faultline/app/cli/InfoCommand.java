package org.faultline.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.app.cli.info.InfoJson;
import org.faultline.app.cli.info.InfoText;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline info FILE…}: everything each file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show everything each crash-dump file holds: header, streams, system, exception,"
                + " threads, modules, memory ranges and diagnostics.",
        footer = {"", ExitCodes.HELP_TEXT})
public final class InfoCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Crash-dump files to describe.")
    List<Path> files;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode all = InfoJson.mapper().createArrayNode();
        int worst = ExitCodes.OK;
        boolean first = true;
        for (Path file : files) {
            if (format == Format.text && !first) {
                out.println();
                out.println("-".repeat(100));
                out.println();
            }
            first = false;
            worst = Math.max(worst, describe(file, out, all));
        }
        if (format == Format.json) {
            Object result = files.size() == 1 && all.size() == 1 ? all.get(0) : all;
            out.println(InfoJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        }
        return worst;
    }

    private int describe(Path file, PrintWriter out, ArrayNode all) {
        PrintWriter err = spec.commandLine().getErr();
        try (MappedByteSource source = MappedByteSource.open(file)) {
            try (CrashDump dump = Dumps.open(source)) {
                if (format == Format.json) {
                    all.add(InfoJson.of(file.toString(), source.size(), dump));
                } else {
                    InfoText.print(out, file.toString(), source.size(), dump);
                }
            }
            return ExitCodes.OK;
        } catch (DumpAccessException e) {
            return FileErrors.report(err, e);
        } catch (DumpFormatException e) {
            return FileErrors.report(err, file, e);
        }
    }
}
