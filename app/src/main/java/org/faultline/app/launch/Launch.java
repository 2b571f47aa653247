package org.faultline.app.launch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides between the desktop window and the command line, without loading either:
 * <ul>
 *   <li>no arguments: the window with the bundled sample when a display is available, else the sample's
 *       verdict as text on the command line;</li>
 *   <li>{@code gui [FILE…]}: the window (the {@code gui} command explains when there is no display);</li>
 *   <li>{@code teach [--handout FILE]}: the window in teaching mode; the handout is drawn headless when there is
 *       no display (the {@code teach} command explains when neither works);</li>
 *   <li>{@code FILE…} (a first argument that is neither an option nor a command): the window with those files;
 *       without a display, {@code analyze FILE…} on the command line instead;</li>
 *   <li>anything else: the command line.</li>
 * </ul>
 */
public final class Launch {
    private Launch() {
    }

    /**
     * What to run.
     *
     * @param gui     whether to open the window
     * @param files   files for the window
     * @param cliArgs arguments for the command line
     * @param note    a line for standard error before the command line runs, or null
     */
    public record Decision(boolean gui, List<String> files, List<String> cliArgs, String note, boolean headless) {
        public Decision {
            files = List.copyOf(files);
            cliArgs = List.copyOf(cliArgs);
        }

        static Decision window(List<String> files) {
            return new Decision(true, files, List.of(), null, false);
        }

        static Decision cli(List<String> args, String note) {
            return new Decision(false, List.of(), args, note, false);
        }
    }

    /** The window's argument that starts the teaching mode. */
    public static final String TEACH = "--teach";
    /** The window's argument that writes the handout ({@code --handout=FILE}) and exits. */
    public static final String HANDOUT = "--handout=";

    public static Decision decide(String[] args, Set<String> commands, boolean display) {
        return decide(args, commands, display, false);
    }

    /** The text the command line adds when the window cannot open. */
    public static final String NO_DISPLAY = "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop"
            + " window cannot open here; the commands work without one.";

    /**
     * @param headlessWindow whether a headless window can be drawn (Monocle is on the class path): only
     *                       {@code teach --handout} uses it, when there is no display
     */
    public static Decision decide(String[] args, Set<String> commands, boolean display, boolean headlessWindow) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty()) {
            return display ? Decision.window(List.of()) : Decision.cli(List.of(), null);
        }
        String first = all.get(0);
        if (first.equals("gui")) {
            return display ? Decision.window(all.subList(1, all.size())) : Decision.cli(all, null);
        }
        if (first.equals("teach")) {
            return teach(all, display, headlessWindow);
        }
        if (first.startsWith("-") || commands.contains(first)) {
            return Decision.cli(all, null);
        }
        if (display) {
            return Decision.window(all);
        }
        List<String> analyze = new java.util.ArrayList<>(all.size() + 1);
        analyze.add("analyze");
        analyze.addAll(all);
        return Decision.cli(analyze, "faultline: " + NO_DISPLAY.replace("commands work", "command line works")
                + " Running 'faultline analyze' instead.");
    }

    /**
     * {@code teach} → the window in teaching mode; {@code teach --handout FILE} → the window writes the handout and
     * exits, headless when there is no display. Anything else ({@code --help}, a wrong option) goes to the command
     * line, which explains.
     */
    private static Decision teach(List<String> all, boolean display, boolean headlessWindow) {
        String handout = null;
        if (all.size() == 3 && all.get(1).equals("--handout")) {
            handout = all.get(2);
        } else if (all.size() == 2 && all.get(1).startsWith("--handout=")) {
            handout = all.get(1).substring("--handout=".length());
        } else if (all.size() != 1) {
            return Decision.cli(all, null);
        }
        if (handout != null && handout.isBlank()) {
            return Decision.cli(all, null);
        }
        List<String> window;
        try {
            window = handout == null ? List.of(TEACH)
                    : List.of(TEACH, HANDOUT + java.nio.file.Path.of(handout).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return Decision.cli(all, null);
        }
        if (display) {
            return Decision.window(window);
        }
        if (handout != null && headlessWindow) {
            return new Decision(true, window, List.of(), null, true);
        }
        return Decision.cli(all, null);
    }

    /** Whether Monocle, the headless JavaFX platform, is on the class path (looked up without loading it). */
    public static boolean headlessWindowAvailable() {
        return Launch.class.getClassLoader().getResource("com/sun/glass/ui/monocle/MonoclePlatformFactory.class") != null;
    }

    /**
     * Whether a window can open: on Linux and other Unix systems, when {@code DISPLAY} or {@code WAYLAND_DISPLAY}
     * is set; on Windows and macOS, always.
     */
    public static boolean displayAvailable(Map<String, String> env, String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
