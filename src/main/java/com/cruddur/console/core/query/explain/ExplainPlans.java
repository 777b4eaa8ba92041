package com.cruddur.console.core.query.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reads the server's EXPLAIN (FORMAT JSON) output into {@link ExplainNode}s and marks the costliest. */
public final class ExplainPlans {
    /** A node costing this share of the whole by itself is marked costliest, besides the single most costly. */
    static final double COSTLY_SHARE = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainPlans() {
    }

    /** Parses {@code json} as the server sends it (an array holding one object with "Plan"). */
    public static ExplainResult parse(String json, boolean analyzed, boolean rolledBack) {
        JsonNode top;
        try {
            top = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the server's EXPLAIN output is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode doc = top.isArray() ? top.path(0) : top;
        JsonNode plan = doc.path("Plan");
        if (!plan.isObject()) {
            throw new IllegalArgumentException("the server's EXPLAIN output holds no plan");
        }
        boolean timed = analyzed && plan.has("Actual Total Time");
        Raw raw = read(plan, timed);
        double whole = Math.max(raw.inclusive, 0);
        double max = maxSelf(raw);
        ExplainNode root = build(raw, whole, max);
        return new ExplainResult(root, analyzed, rolledBack, number(doc, "Planning Time"),
                number(doc, "Execution Time"), json);
    }

    /** A node before marking: its JSON, its inclusive measure, its own measure and its children. */
    private record Raw(JsonNode json, double inclusive, double self, List<Raw> children) {
    }

    private static Raw read(JsonNode n, boolean timed) {
        List<Raw> kids = new ArrayList<>();
        for (JsonNode c : n.path("Plans")) {
            kids.add(read(c, timed));
        }
        double inclusive = timed ? n.path("Actual Total Time").asDouble() * n.path("Actual Loops").asDouble(1)
                : n.path("Total Cost").asDouble();
        double below = 0;
        for (Raw k : kids) {
            // an InitPlan's cost is not part of its parent's total cost; its time is
            if (timed || !"InitPlan".equals(k.json.path("Parent Relationship").asText())) {
                below += k.inclusive;
            }
        }
        return new Raw(n, inclusive, Math.max(0, inclusive - below), kids);
    }

    private static double maxSelf(Raw r) {
        double m = r.self;
        for (Raw k : r.children) {
            m = Math.max(m, maxSelf(k));
        }
        return m;
    }

    private static ExplainNode build(Raw r, double whole, double max) {
        List<ExplainNode> kids = new ArrayList<>();
        for (Raw k : r.children) {
            kids.add(build(k, whole, max));
        }
        JsonNode n = r.json;
        boolean costliest = r.self > 0 && (r.self == max || (whole > 0 && r.self / whole >= COSTLY_SHARE));
        String type = text(n, "Node Type");
        if ("ModifyTable".equals(type) && n.has("Operation")) {
            type = type + " (" + text(n, "Operation") + ")";
        }
        String relation = text(n, "Relation Name");
        if (relation != null && n.has("Schema")) {
            relation = text(n, "Schema") + "." + relation;
        }
        boolean ran = n.has("Actual Loops") && n.path("Actual Loops").asDouble() > 0;
        return new ExplainNode(type, relation, text(n, "Alias"), text(n, "Index Name"),
                n.path("Startup Cost").asDouble(), n.path("Total Cost").asDouble(), n.path("Plan Rows").asDouble(),
                ran ? n.path("Actual Rows").asDouble() : null, n.has("Actual Loops") ? n.path("Actual Loops").asDouble() : null,
                ran ? n.path("Actual Total Time").asDouble() * n.path("Actual Loops").asDouble() : null,
                r.self, costliest, List.copyOf(kids));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
