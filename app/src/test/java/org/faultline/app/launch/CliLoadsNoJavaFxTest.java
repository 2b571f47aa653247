package org.faultline.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.Test;

/**
 * Runs the command line in a class loader that refuses JavaFX and ControlsFX: analyze, info and the launch
 * decision must work with neither on the class path (a server with no display, no JavaFX jars).
 */
class CliLoadsNoJavaFxTest {

    /** Loads the test class path itself (child first), refusing JavaFX, and records what was refused. */
    static final class NoJavaFxLoader extends URLClassLoader {
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());

        NoJavaFxLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("javafx.") || name.startsWith("org.controlsfx.") || name.startsWith("com.sun.javafx.")) {
                refused.add(name);
                throw new ClassNotFoundException("JavaFX is not available: " + name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void analyzeAndInfoRunWithoutJavaFx() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (NoJavaFxLoader loader = new NoJavaFxLoader(urls.toArray(URL[]::new))) {
            Class<?> launch = loader.loadClass("org.faultline.app.launch.Launch");
            Class<?> cli = loader.loadClass("org.faultline.app.cli.Cli");
            Object names = cli.getMethod("commandNames").invoke(null);
            Method decide = launch.getMethod("decide", String[].class, java.util.Set.class, boolean.class);
            decide.invoke(null, new String[] {"analyze", "x"}, names, false);
            String sample = TestFiles.sample(TestFiles.CSAGENT).toString();
            for (String[] args : List.of(new String[] {"analyze", "--format", "json", sample},
                    new String[] {"info", sample}, new String[] {"--help"}, new String[] {"gui"})) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                Object c = cli.getConstructor(PrintWriter.class, PrintWriter.class)
                        .newInstance(new PrintWriter(out), new PrintWriter(err));
                int code = (int) cli.getMethod("run", String[].class).invoke(c, (Object) args);
                assertThat(code).as(String.join(" ", args) + ": " + err).isIn(0, 2);
            }
            assertThat(loader.refused).as("JavaFX classes the command line tried to load").isEmpty();
        }
    }
}
