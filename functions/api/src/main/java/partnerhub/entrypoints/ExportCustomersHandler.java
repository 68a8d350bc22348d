package partnerhub.entrypoints;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerCsv;
import partnerhub.http.ListingParameters;
import partnerhub.wiring.Dependencies;

/**
 * {@code GET /customers/export?<the list's filters and sort>}: every customer of the partner the filters match, as a
 * CSV file. One Lambda response carries at most 6 MB, the JSON envelope included; a bigger file goes to S3 and the
 * answer is {@code 303} to a presigned link. A viewer may export.
 */
public final class ExportCustomersHandler extends ApiHandler {

    /**
     * Lambda's limit on a response (6 MB, the whole JSON document), less room for the envelope's status and
     * headers. The body is measured as the envelope holds it, JSON-escaped: a file of quotes takes twice its size.
     */
    static final int INLINE_LIMIT_BYTES = 6 * 1024 * 1024 - 8 * 1024;

    public ExportCustomersHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    private final int inlineLimitBytes;

    public ExportCustomersHandler(Dependencies dependencies) {
        this(dependencies, INLINE_LIMIT_BYTES);
    }

    /** With another limit: the tests' way to the S3 path without writing 6 MB of customers. */
    ExportCustomersHandler(Dependencies dependencies, int inlineLimitBytes) {
        super("GET /customers/export", dependencies, ExportCustomersHandler::new);
        this.inlineLimitBytes = inlineLimitBytes;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Actor actor = dependencies().callers().actor(request);
        CustomerQuery query = ListingParameters.read(request, Set.of());
        String csv = CustomerCsv.of(dependencies().customers().all(actor, query));
        String filename = "customers-" + LocalDate.ofInstant(dependencies().clock().instant(), ZoneOffset.UTC) + ".csv";
        if (envelopeBytes(csv) <= inlineLimitBytes) {
            return new ApiResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8",
                    "Content-Disposition", "attachment; filename=\"" + filename + "\""), csv);
        }
        return new ApiResponse(303, Map.of("Location",
                dependencies().exports().store(actor.partnerId(), csv, filename).toString()), "");
    }

    /** The body's size inside the response document: UTF-8, quoted and escaped as JSON. */
    static int envelopeBytes(String body) {
        try {
            return JSON.std.asString(body).getBytes(StandardCharsets.UTF_8).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
