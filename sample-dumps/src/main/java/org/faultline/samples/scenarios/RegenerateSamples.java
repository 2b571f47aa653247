package org.faultline.samples.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every scenario's dump and truth file into a folder (default {@code sample-dumps/dumps}).
 * Run: {@code ./mvnw -B -q -pl sample-dumps package -DskipTests &&
 * java -cp sample-dumps/target/classes org.faultline.samples.scenarios.RegenerateSamples}.
 */
public final class RegenerateSamples {
    private RegenerateSamples() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-dumps/dumps");
        Files.createDirectories(out);
        for (Scenario s : Scenarios.all()) {
            Path dump = out.resolve(s.name() + ".dmp");
            Files.write(dump, s.write());
            Files.writeString(out.resolve(s.name() + ".truth.json"), s.truth().toJson(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dump + " (" + Files.size(dump) + " bytes)");
        }
    }
}
