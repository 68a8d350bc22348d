package partnerhub.entrypoints;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import partnerhub.domain.bulk.BulkAction;
import partnerhub.domain.bulk.BulkRequest;
import partnerhub.domain.bulk.BulkService;
import partnerhub.domain.registry.CustomerUpdate;
import partnerhub.domain.registry.FieldError;
import partnerhub.domain.registry.ValidationException;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.JsonBody;
import partnerhub.http.Problem;
import partnerhub.wiring.Dependencies;

/**
 * {@code POST /customers/bulk}: one action on up to 100 of the partner's customers, each answered as its single route
 * would answer it, in the order asked. Requires an {@code Idempotency-Key}: a retry gets the same results back.
 */
public final class BulkCustomersHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("action", "customerIds", "parameters");
    private static final Set<String> CONVERSION = Set.of("expirationDate", "sku", "addOns");

    public BulkCustomersHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public BulkCustomersHandler(Dependencies dependencies) {
        super("POST /customers/bulk", dependencies, BulkCustomersHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        Asked asked = JsonBody.read(request.body(), FIELDS, false, body -> asked(request, body));
        BulkService.Answer answer = dependencies().bulk().run(actor, asked.key(), asked.request(),
                BulkCustomersHandler::render);
        return new ApiResponse(200, Map.of("Content-Type", "application/json",
                "Idempotent-Replayed", Boolean.toString(answer.replayed())), answer.results());
    }

    /** The request and its Idempotency-Key, whose absence is named with the body's errors. */
    private record Asked(String key, BulkRequest request) {}

    private Asked asked(ApiRequest request, JsonBody body) {
        var errors = new ArrayList<FieldError>();
        String key = null;
        try {
            key = request.idempotencyKey(true);
        } catch (ValidationException invalid) {
            errors.addAll(invalid.errors());
        }
        BulkAction action = action(body.string("action"), errors);
        List<String> customerIds = null;
        try {
            customerIds = BulkRequest.customers(body.strings("customerIds"));
        } catch (ValidationException invalid) {
            errors.addAll(invalid.errors());
        }
        JsonBody parameters = body.object("parameters");
        Boolean enabled = null;
        CustomerUpdate conversion = null;
        if (action == BulkAction.SET_AUTO_UPGRADE) {
            errors.addAll(parameters.unknownFields(Set.of("enabled"), "parameters"));
            enabled = parameters.bool("enabled");
            if (enabled == null) {
                errors.add(new FieldError("parameters.enabled", "is required: true or false"));
            }
        } else if (action == BulkAction.CONVERT) {
            errors.addAll(parameters.unknownFields(CONVERSION, "parameters"));
            try {
                conversion = dependencies().rules().update(parameters.string("sku"), parameters.strings("addOns"),
                        parameters.string("expirationDate"), dependencies().clock().instant());
            } catch (ValidationException invalid) {
                invalid.errors().forEach(e -> errors.add(new FieldError("parameters." + e.field(), e.message())));
            }
        } else if (action == BulkAction.EXTEND_TRIAL) {
            errors.addAll(parameters.unknownFields(Set.of(), "parameters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Asked(key, new BulkRequest(action, customerIds, enabled, conversion));
    }

    private static BulkAction action(String action, List<FieldError> errors) {
        try {
            if (action != null) {
                return BulkAction.valueOf(action);
            }
        } catch (IllegalArgumentException unknown) {
            // named below
        }
        errors.add(new FieldError("action", "must be one of: " + Arrays.stream(BulkAction.values())
                .map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    /** Each customer as its single route answers it: the customer, or the problem. */
    private static String render(List<BulkService.Result> results) {
        var items = new ArrayList<Map<String, Object>>(results.size());
        for (BulkService.Result result : results) {
            var item = new LinkedHashMap<String, Object>();
            item.put("customerId", result.customerId());
            if (result.refusal() == null) {
                item.put("status", 200);
                item.put("customer", CustomerJson.of(result.customer()));
            } else {
                Problem problem = ApiHandler.problemFor(result.refusal());
                item.put("status", problem.status());
                item.put("problem", problem.body());
            }
            items.add(item);
        }
        try {
            return JSON.std.asString(Map.of("results", items));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
