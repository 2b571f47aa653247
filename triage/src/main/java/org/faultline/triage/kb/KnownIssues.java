package org.faultline.triage.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Known issues: rules matched against a verdict, each with its public remediation and sources. The shipped
 * file ({@code known-issues.json}) holds the CrowdStrike Channel File 291 issue; users add their own files in
 * the same format.
 */
public final class KnownIssues {

    /** One issue and its match conditions (null or empty means "any"). */
    public record Issue(String id, String title, String summary, String module, List<Long> bugchecks,
                        List<Long> exceptions, List<String> accessKinds, List<String> categories,
                        List<String> remediation, List<String> sources) {
        public Issue {
            bugchecks = List.copyOf(bugchecks);
            exceptions = List.copyOf(exceptions);
            accessKinds = List.copyOf(accessKinds);
            categories = List.copyOf(categories);
            remediation = List.copyOf(remediation);
            sources = List.copyOf(sources);
        }
    }

    /** The facts a known issue is matched against. */
    public record Facts(String culpritModule, Long bugcheck, Long exception, String accessKind, String category) {
    }

    private final List<Issue> issues;

    public KnownIssues(List<Issue> issues) {
        this.issues = List.copyOf(issues);
    }

    /** The shipped issues. */
    public static KnownIssues standard() {
        try (InputStream in = KnownIssues.class.getResourceAsStream("known-issues.json")) {
            if (in == null) {
                throw new IllegalStateException("known-issues.json missing from the classpath");
            }
            return new KnownIssues(parse(new ObjectMapper().readTree(in), "known-issues.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped issues plus those in {@code file} (same format). */
    public KnownIssues with(Path file) throws IOException {
        List<Issue> all = new ArrayList<>(parse(new ObjectMapper().readTree(Files.readAllBytes(file)), file.toString()));
        all.addAll(issues);
        return new KnownIssues(all);
    }

    public List<Issue> issues() {
        return issues;
    }

    private static List<Issue> parse(JsonNode root, String where) throws IOException {
        JsonNode list = root.get("issues");
        if (list == null || !list.isArray()) {
            throw new IOException(where + ": no \"issues\" array");
        }
        List<Issue> out = new ArrayList<>();
        for (JsonNode n : list) {
            JsonNode m = n.path("match");
            String id = n.path("id").asText("");
            if (id.isEmpty() || !m.isObject()) {
                throw new IOException(where + ": an issue needs an \"id\" and a \"match\" object");
            }
            out.add(new Issue(id, n.path("title").asText(id), n.path("summary").asText(""),
                    m.hasNonNull("module") ? m.get("module").asText() : null, codes(m.path("bugchecks"), where),
                    codes(m.path("exceptions"), where), texts(m.path("accessKinds")), texts(m.path("categories")),
                    texts(n.path("remediation")), texts(n.path("sources"))));
        }
        return out;
    }

    private static List<Long> codes(JsonNode array, String where) throws IOException {
        List<Long> out = new ArrayList<>();
        for (JsonNode c : array) {
            try {
                out.add(Long.decode(c.asText()));
            } catch (NumberFormatException e) {
                throw new IOException(where + ": \"" + c.asText() + "\" is not a code (write 0x50)");
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    /** The first issue whose every condition holds. */
    public Optional<Issue> match(Facts f) {
        for (Issue i : issues) {
            if (i.module() != null && (f.culpritModule() == null
                    || !i.module().equalsIgnoreCase(f.culpritModule()))) {
                continue;
            }
            if (!i.bugchecks().isEmpty() && (f.bugcheck() == null || !i.bugchecks().contains(f.bugcheck()))) {
                continue;
            }
            if (!i.exceptions().isEmpty() && (f.exception() == null || !i.exceptions().contains(f.exception()))) {
                continue;
            }
            if (!i.accessKinds().isEmpty() && (f.accessKind() == null
                    || i.accessKinds().stream().noneMatch(k -> k.equalsIgnoreCase(f.accessKind())))) {
                continue;
            }
            if (!i.categories().isEmpty() && (f.category() == null
                    || !i.categories().contains(f.category().toUpperCase(Locale.ROOT)))) {
                continue;
            }
            return Optional.of(i);
        }
        return Optional.empty();
    }
}
