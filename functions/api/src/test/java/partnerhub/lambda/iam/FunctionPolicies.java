package partnerhub.lambda.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import partnerhub.emulator.Template;

/**
 * The functions' policies as template.yaml writes them ({@code Properties.Policies}, each a {@code Statement} list),
 * with {@code !Ref}, {@code !GetAtt} and {@code !Sub} resolved against a stack's references. A statement that no run
 * here exercises says why in a comment on its {@code Sid:} line, {@code # not exercised here: <reason>}; comments
 * are lost to the YAML parser, so they are read off the raw text.
 */
public final class FunctionPolicies {

    private static final Pattern JUSTIFIED_SID =
            Pattern.compile("^\\s*-?\\s*Sid:\\s*(\\w+)\\s*#\\s*not exercised here:\\s*(\\S.*)$");
    private static final Pattern RESOURCE_LINE = Pattern.compile("^  (\\w+):\\s*$");

    private final Template template;
    private final List<String> lines;
    private final Map<String, String> references;

    public FunctionPolicies(Path templatePath, Map<String, String> references) {
        this.template = Template.load(templatePath);
        try {
            this.lines = Files.readAllLines(templatePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.references = references;
    }

    /** The statements as written, intrinsics unresolved. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> statementsAsWritten(Template template, String logicalId) {
        var statements = new ArrayList<Map<String, Object>>();
        for (Object policy : list(template.properties(logicalId).get("Policies"))) {
            if (!(policy instanceof Map<?, ?> map && map.keySet().equals(java.util.Set.of("Statement")))) {
                // A managed policy or a SAM policy template grants what this reader cannot see.
                throw new IllegalArgumentException(logicalId + ": a policy other than inline statements: " + policy);
            }
            list(map.get("Statement")).forEach(statement -> statements.add((Map<String, Object>) statement));
        }
        return statements;
    }

    public Policy of(String logicalId) {
        Map<String, String> reasons = justifications(logicalId);
        var statements = new ArrayList<Statement>();
        for (Map<String, Object> written : statementsAsWritten(template, logicalId)) {
            if (written.containsKey("NotAction") || written.containsKey("NotResource")) {
                throw new IllegalArgumentException(logicalId + ": NotAction and NotResource are not evaluated here");
            }
            String sid = (String) written.get("Sid");
            statements.add(new Statement(sid, "Allow".equals(written.get("Effect")), strings(written.get("Action")),
                    strings(written.get("Resource")), condition(written.get("Condition")), reasons.get(sid)));
        }
        return new Policy(statements);
    }

    private List<String> strings(Object value) {
        return list(value).stream().map(item -> template.resolve(item, references)).toList();
    }

    @SuppressWarnings("unchecked")
    private Condition condition(Object written) {
        if (written == null) {
            return Condition.NONE;
        }
        var blocks = new LinkedHashMap<String, Map<String, List<String>>>();
        ((Map<String, Map<String, Object>>) written).forEach((operator, keys) -> {
            var values = new LinkedHashMap<String, List<String>>();
            keys.forEach((key, value) -> values.put(key, strings(value)));
            blocks.put(operator, values);
        });
        return new Condition(blocks);
    }

    /** The reasons on the {@code Sid:} lines within the function's resource, by Sid. */
    private Map<String, String> justifications(String logicalId) {
        var reasons = new HashMap<String, String>();
        boolean inside = false;
        for (String line : lines) {
            var resource = RESOURCE_LINE.matcher(line);
            if (resource.matches()) {
                inside = resource.group(1).equals(logicalId);
            }
            var justified = JUSTIFIED_SID.matcher(line);
            if (inside && justified.matches()) {
                reasons.put(justified.group(1), justified.group(2).strip());
            }
        }
        return reasons;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }
}
