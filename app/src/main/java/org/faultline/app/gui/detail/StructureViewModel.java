package org.faultline.app.gui.detail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.faultline.app.cli.info.InfoJson;
import org.faultline.app.analysis.OpenedDump;

/**
 * The Structure tab: the {@code faultline info} tree (headers, streams, offsets, modules, threads, diagnostics)
 * of the selected dump, as a tree of labelled nodes. Built from {@link InfoJson}, so it says what the command
 * says.
 */
public final class StructureViewModel {
    /** A node: a key and its value (scalars), or a key and children (objects, arrays). */
    public record Node(String key, String value, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        /** {@code key: value} or {@code key (n)}. */
        public String label() {
            if (!children.isEmpty() || value == null) {
                return key + (children.isEmpty() ? "" : " (" + children.size() + ")");
            }
            return key + ": " + value;
        }
    }

    /** Most children built under one node (a dump may list 100,000 memory ranges). */
    static final int MAX_CHILDREN = 5_000;

    private final ObjectProperty<Node> root = new SimpleObjectProperty<>(this, "root");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** The tree of an opened dump (call from background work; apply with {@link #show}). */
    public static Node treeOf(OpenedDump d) {
        JsonNode info = InfoJson.of(d.input().displayPath(), d.bytes().size(), d.dump());
        return node(d.input().fileName(), info);
    }

    static Node node(String key, JsonNode n) {
        if (n == null || n.isNull()) {
            return new Node(key, "null", List.of());
        }
        if (n.isObject()) {
            List<Node> kids = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (kids.size() >= MAX_CHILDREN) {
                    break;
                }
                kids.add(node(e.getKey(), e.getValue()));
            }
            return new Node(key, null, kids);
        }
        if (n.isArray()) {
            List<Node> kids = new ArrayList<>();
            for (int i = 0; i < n.size() && i < MAX_CHILDREN; i++) {
                JsonNode c = n.get(i);
                kids.add(node("[" + i + "]" + title(c), c));
            }
            if (n.size() > MAX_CHILDREN) {
                kids.add(new Node("… " + (n.size() - MAX_CHILDREN) + " more", "", List.of()));
            }
            return new Node(key, n.isEmpty() ? "(none)" : null, kids);
        }
        return new Node(key, n.asText(), List.of());
    }

    /** A name for an array element: a module's or stream's name, a thread's id. */
    private static String title(JsonNode c) {
        for (String k : List.of("name", "type", "id", "structure", "start")) {
            JsonNode v = c.get(k);
            if (v != null && v.isValueNode()) {
                return " " + v.asText();
            }
        }
        return "";
    }

    public void show(Node tree) {
        root.set(tree);
        message.set("");
    }

    public void loading() {
        root.set(null);
        message.set("Reading the dump's structure…");
    }

    public void failed(String why) {
        root.set(null);
        message.set(why);
    }

    public void clear() {
        root.set(null);
        message.set("");
    }

    public ObjectProperty<Node> rootProperty() {
        return root;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
