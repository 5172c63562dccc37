package io.conversa.core.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates malformed variants of a valid JSON document, reproducibly from a seed: a field
 * removed, a value of the wrong type, empty, huge or deeply nested, an array repeated, the text
 * cut short or a byte changed. Property-based testing's generator half: a test asserts what
 * must hold for every variant, and a failure names the seed and the mutation to replay it.
 */
public final class MalformedJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One variant: what was changed, and the body to send. */
    public record Variant(String mutation, String body) {

        @Override
        public String toString() {
            return mutation;
        }
    }

    private final Random random;
    private final long seed;

    public MalformedJson(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public List<Variant> variants(String validJson, int count) {
        JsonNode valid = JSON.readTree(validJson);
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            variants.add(variant(valid, i));
        }
        return variants;
    }

    private Variant variant(JsonNode valid, int index) {
        String prefix = "seed " + seed + " #" + index + ": ";
        int kind = random.nextInt(10);
        if (kind == 0) {
            String text = JSON.writeValueAsString(valid);
            int cut = random.nextInt(Math.max(1, text.length()));
            return new Variant(prefix + "cut at " + cut, text.substring(0, cut));
        }
        if (kind == 1) {
            char[] text = JSON.writeValueAsString(valid).toCharArray();
            int at = random.nextInt(text.length);
            String replacements = "{}[]\",:\\0xé\u0000";
            char replacement = replacements.charAt(random.nextInt(replacements.length()));
            text[at] = replacement;
            return new Variant(prefix + "character " + at + " replaced by U+" + Integer.toHexString(replacement), new String(text));
        }
        JsonNode copy = valid.deepCopy();
        List<String> paths = new ArrayList<>();
        collect(copy, "", paths);
        String path = paths.get(random.nextInt(paths.size()));
        if (kind <= 4) {
            return new Variant(prefix + "removed " + path, mutate(copy, path, null));
        }
        JsonNode replacement = strangeValue();
        return new Variant(prefix + path + " = " + abbreviate(replacement), mutate(copy, path, node -> replacement));
    }

    /** Every path under the root, as {@code a.b[2].c}; the root itself is {@code ""}. */
    private static void collect(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node instanceof ObjectNode object) {
            object.propertyNames().forEach(name -> collect(object.get(name), path.isEmpty() ? name : path + "." + name, paths));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), path + "[" + i + "]", paths);
            }
        }
    }

    /** Removes ({@code change} null) or replaces the value at the path; returns the document's text. */
    private static String mutate(JsonNode root, String path, Function<JsonNode, JsonNode> change) {
        int split = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        JsonNode parent = split <= 0 ? root : root.at(pointer(path.substring(0, split)));
        String last = path.substring(split + 1).replace("]", "");
        if (parent instanceof ObjectNode object) {
            if (change == null) {
                object.remove(last);
            } else {
                object.set(last, change.apply(object.get(last)));
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (change == null) {
                array.remove(index);
            } else {
                array.set(index, change.apply(array.get(index)));
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static String pointer(String path) {
        return "/" + path.replace("[", ".").replace("]", "").replace(".", "/");
    }

    private JsonNode strangeValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.stringNode("");
            case 2 -> NODES.numberNode(-1);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(1e308);
            case 5 -> NODES.booleanNode(true);
            case 6 -> NODES.arrayNode();
            case 7 -> NODES.objectNode();
            case 8 -> NODES.stringNode("x".repeat(20_000));
            case 9 -> NODES.stringNode("{{}} {{contact. }} \u0000 \uD83D");
            case 10 -> {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode inner = deep;
                for (int i = 0; i < 300; i++) {
                    inner = inner.addArray();
                }
                yield deep;
            }
            case 11 -> NODES.objectNode().put("type", "unheard-of");
            case 12 -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 2_000; i++) {
                    many.add(NODES.objectNode().put("id", "n" + (i % 7)));
                }
                yield many;
            }
            default -> NODES.stringNode("123abc");
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
    }
}
