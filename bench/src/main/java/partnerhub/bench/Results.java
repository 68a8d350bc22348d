package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * One run's figures, gathered part by part, then written side by side: results.json (every figure, the targets and
 * whether each is met; {@link ResultsJson}) and results.md (the same as tables; {@link ResultsMarkdown}).
 */
final class Results {

    private final Options options;
    private List<LambdaStarts.Result> lambdaStarts = List.of();
    private List<ColdStarts.Result> coldStarts = List.of();
    private List<WarmInvokes.Result> warmInvokes = List.of();
    private SweepBench.Result sweep;
    private ListingBench.Result listing;
    private BulkBench.Result bulk;
    private final List<String> notes = new ArrayList<>();

    Results(Options options) {
        this.options = options;
    }

    private int alarms;

    /** The Lambda environment's figures, and the stack's alarm count for what it costs to run. */
    void lambdaStarts(List<LambdaStarts.Result> results, int alarms) {
        this.lambdaStarts = results;
        this.alarms = alarms;
    }

    void coldStarts(List<ColdStarts.Result> results) {
        this.coldStarts = results;
    }

    void warmInvokes(List<WarmInvokes.Result> results) {
        this.warmInvokes = results;
    }

    void sweep(SweepBench.Result result) {
        this.sweep = result;
    }

    void listing(ListingBench.Result result) {
        this.listing = result;
    }

    void bulk(BulkBench.Result result) {
        this.bulk = result;
    }

    void note(String note) {
        notes.add(note);
    }

    void notes(Map<String, TreeSet<String>> unresolvedVariables) {
        unresolvedVariables.forEach((function, names) -> notes.add(function + ": " + String.join(", ", names)
                + " left unset (a resource the emulator does not create)"));
        warmInvokes.stream().filter(result -> "absent".equals(result.hooks())).map(r -> r.function().name())
                .reduce((a, b) -> a + ", " + b).ifPresent(absent -> notes.add("No org.crac in the artifact of "
                        + absent + ": the SnapStart stand-in ran no priming hook there"));
    }

    void write(Path directory, double runSeconds) throws IOException {
        var figures = new Figures(options, lambdaStarts, coldStarts, warmInvokes, sweep, listing, bulk,
                alarms, List.copyOf(notes));
        List<Map<String, Object>> targets = Targets.of(figures);
        Files.write(directory.resolve("results.json"), JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT)
                .asBytes(ResultsJson.of(figures, targets, runSeconds)));
        Files.writeString(directory.resolve("results.md"), ResultsMarkdown.of(figures, targets, runSeconds));
    }
}
