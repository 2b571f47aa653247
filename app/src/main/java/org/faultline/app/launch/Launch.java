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
    public record Decision(boolean gui, List<String> files, List<String> cliArgs, String note) {
        public Decision {
            files = List.copyOf(files);
            cliArgs = List.copyOf(cliArgs);
        }

        static Decision window(List<String> files) {
            return new Decision(true, files, List.of(), null);
        }

        static Decision cli(List<String> args, String note) {
            return new Decision(false, List.of(), args, note);
        }
    }

    /** The text the command line adds when the window cannot open. */
    public static final String NO_DISPLAY = "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop"
            + " window cannot open here; the commands work without one.";

    public static Decision decide(String[] args, Set<String> commands, boolean display) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty()) {
            return display ? Decision.window(List.of()) : Decision.cli(List.of(), null);
        }
        String first = all.get(0);
        if (first.equals("gui")) {
            return display ? Decision.window(all.subList(1, all.size())) : Decision.cli(all, null);
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
