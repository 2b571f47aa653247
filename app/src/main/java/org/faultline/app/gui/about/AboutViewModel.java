package org.faultline.app.gui.about;

import java.util.List;
import org.faultline.app.cli.Version;
import org.faultline.triage.kb.Attributions;

/** The About box: version, licences, and the attribution of the data Faultline ships (CC BY 4.0). */
public final class AboutViewModel {
    /** A component and its licence. */
    public record Licence(String component, String licence) {
    }

    public String title() {
        return "Faultline " + Version.faultline();
    }

    public String tagline() {
        return "Windows crash-dump analyzer: reads kernel and user-mode dumps on any OS, finds the faulting driver"
                + " and explains the crash.";
    }

    public String runtime() {
        String fx = System.getProperty("javafx.runtime.version", "?");
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), JavaFX "
                + fx + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    public String licence() {
        return "Copyright the Faultline authors. Licensed under the Apache License, Version 2.0.";
    }

    public List<Licence> thirdParty() {
        return List.of(
                new Licence("OpenJFX (JavaFX) 21", "GPL 2.0 with the Classpath Exception"),
                new Licence("ControlsFX", "BSD 3-Clause"),
                new Licence("Jackson", "Apache 2.0"),
                new Licence("picocli", "Apache 2.0"),
                new Licence("Apache Commons Compress, IO, Lang, Codec", "Apache 2.0"),
                new Licence("SLF4J", "MIT"),
                new Licence("Logback", "EPL 1.0 / LGPL 2.1"));
    }

    /** The CC BY 4.0 attributions of the minifilter altitude table and the bug check reference. */
    public String attributions() {
        return Attributions.ALL;
    }
}
