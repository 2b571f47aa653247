package org.faultline.app.gui.common;

import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a snapshot of the window as PNG (the screenshot command, the teaching handout); call off the FX thread. */
public final class Png {
    private Png() {
    }

    public static void write(WritableImage image, Path file) throws IOException {
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }
}
