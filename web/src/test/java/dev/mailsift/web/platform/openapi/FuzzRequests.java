package dev.mailsift.web.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Requests for one operation of the OpenAPI document, drawn from its schemas: values that fit the schema, and the
 * ones a careless or hostile client sends (empty, too long, negative, huge, of the wrong type, outside the enum,
 * unknown fields, trailing garbage, random ids). Everything comes from one {@link Random}, so a seed replays a run.
 */
final class FuzzRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings no schema asks for; each once broke some service somewhere. */
    private static final List<String> HOSTILE_STRINGS = List.of("", " ", "\u0000", "%00", "..", "../../etc/passwd",
            "%2e%2e%2f", "%c0%ae", "a/b", ";x=1", "' OR '1'='1", "<script>alert(1)</script>", "\u202egnp.exe",
            "ops\u200b@example.com", "😀", "\uD800", "null", "true", "-1", "1e309", "NaN", "9".repeat(40),
            "${jndi:ldap://127.0.0.1/a}", "%s%s%s%n", "x".repeat(300), "y".repeat(8192), "\r\nX-Injected: 1");

    private static final List<Object> HOSTILE_NUMBERS = List.of(-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Long.MAX_VALUE, "9223372036854775808", "1e309", 1.5, -0.0, "abc", "", " 1", "0x10", "NaN");

    /** One operation of the document: its method, path template and definition. */
    record Operation(String method, String path, JsonNode definition) {

        boolean secured() {
            for (JsonNode requirement : definition.path("security")) {
                if (requirement.has("accessToken") || requirement.has("apiKey")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What to send: the path with its query, headers, and the body with its content type (both may be null). */
    record Request(String method, String target, Map<String, String> headers, String contentType, byte[] body,
                   String variant) {

        String replay() {
            String shown = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(target) + " " + headers.keySet() + " [" + variant + "]" + shown;
        }

        private static String abbreviate(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
        }
    }

    private final JsonNode document;
    private final Random random;
    private final List<String> knownIds;

    /**
     * @param knownIds ids of things that exist (the callers' accounts), mixed with random ones in path parameters,
     *                 so that some requests reach past "not found"
     */
    FuzzRequests(JsonNode document, Random random, List<String> knownIds) {
        this.document = document;
        this.random = random;
        this.knownIds = knownIds;
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }
        operations.sort(java.util.Comparator.comparing(Operation::toString));
        return operations;
    }

    /** A request for {@code operation}: mostly well-formed, with at most one hostile part. */
    Request next(Operation operation) {
        int kind = random.nextInt(10);
        // 0–3: fits the schema; 4–6: one hostile parameter; 7–9: a hostile body (or parameter when there is none)
        boolean hostileBody = kind >= 7 && operation.definition().has("requestBody");
        List<JsonNode> parameters = new ArrayList<>();
        operation.definition().path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        JsonNode hostileParameter = kind >= 4 && !hostileBody && !parameters.isEmpty()
                ? parameters.get(random.nextInt(parameters.size())) : null;
        String variant = hostileBody ? "hostile body" : hostileParameter != null
                ? "hostile " + hostileParameter.path("name").asText() : "valid";

        String target = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            boolean hostile = parameter == hostileParameter;
            if (!hostile && !parameter.path("required").asBoolean() && random.nextBoolean()) {
                continue;
            }
            String name = parameter.path("name").asText();
            String value = hostile ? hostileScalar(parameter.path("schema"))
                    : validScalar(name, parameter.path("schema"));
            switch (parameter.path("in").asText()) {
                case "path" -> target = target.replace("{" + name + "}", encode(value));
                case "query" -> query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                                     .append(encode(value));
                case "header" -> {
                    if (!name.equalsIgnoreCase("Accept")) {
                        headers.put(name, headerSafe(value));
                    }
                }
                default -> {
                }
            }
        }
        if (hostileParameter == null && kind >= 4 && !hostileBody && random.nextBoolean()) {
            // an operation without parameters: an unknown query parameter, and a random page it never asked for
            query.append(query.isEmpty() ? '?' : '&').append("unknown=").append(encode(pick(HOSTILE_STRINGS)));
            variant = "unknown query parameter";
        }

        JsonNode content = operation.definition().path("requestBody").path("content");
        String contentType = null;
        byte[] body = null;
        if (content.has("application/json")) {
            contentType = "application/json";
            JsonNode schema = resolve(content.path("application/json").path("schema"));
            body = hostileBody ? hostileJson(schema) : bytes(validValue("body", schema, 0));
            if (hostileBody && random.nextInt(5) == 0) {
                contentType = pick(List.of("text/plain", "application/xml", "application/json; charset=latin1",
                        "multipart/form-data", "application/x-www-form-urlencoded"));
            }
        } else if (content.has("multipart/form-data")) {
            String boundary = "fuzz" + random.nextInt(1_000_000);
            contentType = "multipart/form-data; boundary=" + boundary;
            body = hostileBody ? hostileMultipart(boundary) : multipart(boundary, "file", "list.csv",
                    "email\nada@example.com\nbob@example.org\n");
        }
        return new Request(operation.method(), target + query, headers, contentType, body, variant);
    }

    // ---- values that fit the schema

    private String validScalar(String name, JsonNode schema) {
        JsonNode value = validValue(name, resolve(schema), 0);
        return value.isTextual() ? value.asText() : value.toString();
    }

    private JsonNode validValue(String name, JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.path("minimum").asLong() : 0;
                long max = schema.has("maximum") ? Math.min(schema.path("maximum").asLong(), min + 1000) : min + 100;
                yield NODES.numberNode(min + (long) random.nextInt((int) (max - min + 1)));
            }
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = depth > 3 ? 0 : random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(validValue(name, schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 3) {
                    yield object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), validValue(property.getKey(), property.getValue(), depth + 1));
                    }
                }
                yield object;
            }
            default -> NODES.textNode(validString(name, schema));
        };
    }

    private String validString(String name, JsonNode schema) {
        String format = schema.path("format").asText();
        String lower = name.toLowerCase();
        if (format.equals("date-time") || lower.equals("from") || lower.equals("to") || lower.endsWith("as_of")
                || lower.equals("since")) {
            return Instant.now().plus(random.nextInt(48) - 24, ChronoUnit.HOURS).toString();
        }
        if (format.equals("email") || lower.contains("email")) {
            return "fuzz-" + random.nextInt(1_000_000) + "@example.com";
        }
        if (lower.equals("url")) {
            // loopback only: the address policy refuses it, nothing is ever sent off the machine
            return "https://127.0.0.1:" + (1 + random.nextInt(1000)) + "/hook";
        }
        if (lower.equals("password") || lower.endsWith("_password")) {
            return "fuzz-password-" + random.nextInt(1_000_000);
        }
        if (lower.contains("id") || lower.equals("name") || lower.contains("group") || lower.contains("type")) {
            return random.nextBoolean() && !knownIds.isEmpty() ? pick(knownIds) : UUID.randomUUID().toString();
        }
        if (schema.path("pattern").asText().matches("[a-z|]+")) {
            return pick(List.of(schema.path("pattern").asText().split("\\|")));
        }
        if (lower.equals("after")) {
            return Long.toString(random.nextInt(1000));
        }
        if (lower.equals("limit")) {
            return Integer.toString(1 + random.nextInt(100));
        }
        if (lower.equals("code")) {
            return String.format("%06d", random.nextInt(1_000_000));
        }
        int max = schema.has("maxLength") ? Math.min(schema.path("maxLength").asInt(), 40) : 20;
        int min = Math.min(schema.path("minLength").asInt(1), max);
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(Math.max(1, max - min + 1));
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.isEmpty() ? "a" : text.toString();
    }

    // ---- hostile values

    private String hostileScalar(JsonNode schema) {
        schema = resolve(schema);
        if (random.nextBoolean() && schema.has("maxLength")) {
            return "z".repeat(schema.path("maxLength").asInt() + 1);
        }
        if (schema.path("type").asText().equals("integer") || schema.path("type").asText().equals("number")) {
            List<Object> numbers = new ArrayList<>(HOSTILE_NUMBERS);
            if (schema.has("maximum")) {
                numbers.add(schema.path("maximum").asLong() + 1);
            }
            if (schema.has("minimum")) {
                numbers.add(schema.path("minimum").asLong() - 1);
            }
            return String.valueOf(pick(numbers));
        }
        return pick(HOSTILE_STRINGS);
    }

    private byte[] hostileJson(JsonNode schema) {
        JsonNode valid = validValue("body", schema, 0);
        switch (random.nextInt(9)) {
            case 0:
                return bytes(pick(List.of("", "null", "[]", "{", "{}", "\"text\"", "42", "{\"a\":}", "{}{}",
                        "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "<xml/>", "\u0000", "{\"\u0000\":1}")));
            case 1:
                return (valid + pick(List.of(" garbage", "}", ",{}", "\n{\"a\":1}", "]"))).getBytes(
                        StandardCharsets.UTF_8);
            case 2:
                if (valid instanceof ObjectNode object) {
                    object.put("unknown_field_" + random.nextInt(100), "x");
                }
                return bytes(valid);
            case 3:
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    object.remove(pick(fieldNames(object)));
                }
                return bytes(valid);
            case 4:
                return bytes(wrongTypes(schema, valid));
            case 5:
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    object.put(pick(fieldNames(object)), pick(HOSTILE_STRINGS));
                }
                return bytes(valid);
            case 6:
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    // a number out of range, or not a JSON number at all, written as it is
                    String number = String.valueOf(pick(HOSTILE_NUMBERS));
                    object.putRawValue(pick(fieldNames(object)), new RawValue(
                            number.matches("-?[0-9.e]+") ? number : "\"" + number + "\""));
                }
                return bytes(valid);
            case 7:
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    object.put(pick(fieldNames(object)), "w".repeat(70_000));
                }
                return bytes(valid);
            default:
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    object.set(pick(fieldNames(object)), NODES.nullNode());
                }
                return bytes(valid);
        }
    }

    /** A value of another JSON type for one property: a number for a string, an object for a number. */
    private JsonNode wrongTypes(JsonNode schema, JsonNode valid) {
        if (!(valid instanceof ObjectNode object) || object.isEmpty()) {
            return NODES.arrayNode().add(valid);
        }
        String field = pick(fieldNames(object));
        JsonNode current = object.get(field);
        JsonNode replacement = current.isTextual() ? pick(List.of(NODES.numberNode(42), NODES.booleanNode(true),
                NODES.arrayNode().add("a"), NODES.objectNode()))
                : pick(List.of(NODES.textNode("42"), NODES.textNode("x"), NODES.objectNode(), NODES.arrayNode()));
        object.set(field, replacement);
        return object;
    }

    private byte[] hostileMultipart(String boundary) {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> multipart(boundary, "other", "list.csv", "email\nada@example.com\n");
            case 2 -> multipart(boundary, "file", pick(HOSTILE_STRINGS).replace("\"", ""), "email\na@b.c\n");
            case 3 -> ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n"
                    + "\r\nemail\na@").getBytes(StandardCharsets.UTF_8);
            case 4 -> multipart(boundary, "file", "list.csv", "");
            default -> multipart(boundary, "file", "avatar.png", "\u0089PNG\r\n\u001a\ngarbage");
        };
    }

    private static byte[] multipart(String boundary, String part, String filename, String content) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- helpers

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(Object value) {
        try {
            return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The JDK's client refuses control and non-ASCII characters in headers; the raw-socket tests send those. */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        value.chars().forEach(c -> safe.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return safe.toString();
    }
}
