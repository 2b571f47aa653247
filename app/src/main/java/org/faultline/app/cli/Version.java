package org.faultline.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version string, taken from the build (Maven filters {@code version.properties}). */
public final class Version implements CommandLine.IVersionProvider {

    /** Faultline's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String faultline() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/org/faultline/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "faultline " + faultline(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
