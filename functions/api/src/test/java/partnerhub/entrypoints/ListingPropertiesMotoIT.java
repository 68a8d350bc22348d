package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.View;
import partnerhub.domain.listing.CustomerFilter;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.listing.Sort;
import partnerhub.domain.testing.TestClock;
import partnerhub.emulator.ManyCustomers;
import partnerhub.emulator.MotoServer;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Response;
import partnerhub.testing.Stack;
import partnerhub.wiring.Dependencies;

/**
 * Properties of {@code GET /customers}'s filters, sorts and pages against moto, on two partners' customers in every
 * state a filter tells apart (with the same names, so a leak would show): any combination of filters and sort, paged
 * at any size, returns exactly the partner's customers the domain's {@link CustomerFilter} matches, in the
 * {@link Sort}'s order, none twice and none of the other partner's; a page token opens under no other listing.
 */
class ListingPropertiesMotoIT {

    static final String PARTNER = "msp-contoso";
    static final String OTHER_PARTNER = "msp-northwind";
    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

    static Dependencies dependencies;
    static List<Customer> partners;

    @BeforeContainer
    static void provision() {
        Stack stack = Stack.provision(MotoServer.shared());
        dependencies = stack.dependencies(new TestClock(NOW));
        partners = ManyCustomers.varied(PARTNER, 60, NOW);
        var seed = stack.seed(new TestClock(NOW));
        seed.load(partners);
        seed.load(ManyCustomers.varied(OTHER_PARTNER, 30, NOW));
    }

    @Property(tries = 150, shrinking = ShrinkingMode.FULL)
    void everyListingIsThePartnersMatchingCustomersInOrderAcrossItsPages(
            @ForAll("queries") CustomerQuery query, @ForAll @IntRange(min = 1, max = 30) int limit) {
        var expected = partners.stream().filter(query::matches).sorted(query.order())
                .map(Customer::customerId).toList();

        var seen = new ArrayList<String>();
        String token = null;
        do {
            Response page = list(PARTNER, query, limit, token);
            assertEquals(200, page.status(), page::toString);
            assertTrue(page.items().size() <= limit);
            page.items().forEach(item -> {
                assertEquals(PARTNER, partnerOf((String) item.get("customerId")), "another partner's customer");
                seen.add((String) item.get("customerId"));
            });
            token = page.string("nextToken");
        } while (token != null);

        assertEquals(expected, seen);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.FULL)
    void aPageTokenOpensOnlyUnderItsOwnListingAndPartner(@ForAll("queries") CustomerQuery query,
                                                         @ForAll("queries") CustomerQuery other) {
        String token = list(PARTNER, query, 1, null).string("nextToken");
        if (token == null) {
            return;
        }
        if (!other.scope().equals(query.scope())) {
            ApiContract.assertProblem(list(PARTNER, other, 1, token), 400, "VALIDATION_FAILED");
        }
        ApiContract.assertProblem(list(OTHER_PARTNER, query, 1, token), 400, "VALIDATION_FAILED");
    }

    @Provide
    Arbitrary<CustomerQuery> queries() {
        var names = Arbitraries.of("contoso", "CONTOSO E", "rikam", "ärz", "zür", "it@", "IT@CONTOSO", "1", "ex",
                "re 1", "nomatch");
        Instant from = NOW.minus(Duration.ofDays(12));
        var instants = Arbitraries.integers().between(0, 45).map(days -> from.plus(Duration.ofDays(days)));
        var filters = Combinators.combine(
                Arbitraries.of(View.class).injectNull(0.7),
                names.injectNull(0.7),
                Arbitraries.of(AccountType.class).injectNull(0.7),
                Arbitraries.of(Status.class).injectNull(0.7),
                Arbitraries.of(OnboardingStatus.class).injectNull(0.7),
                Arbitraries.of(Source.class).injectNull(0.7),
                Arbitraries.of(true, false).injectNull(0.7),
                instants.injectNull(0.7)).as((view, q, account, status, onboarding, source, auto, before) ->
                        new CustomerFilter(view, q, account, status, onboarding, source, auto, before, null));
        return Combinators.combine(filters, instants.injectNull(0.7), Arbitraries.of(Sort.class))
                .as((filter, after, sort) -> new CustomerQuery(new CustomerFilter(filter.view(), filter.q(),
                        filter.accountType(), filter.status(), filter.onboardingStatus(), filter.source(),
                        filter.autoUpgrade(), filter.expiresBefore(), after), sort));
    }

    private static String partnerOf(String customerId) {
        return partners.stream().anyMatch(c -> c.customerId().equals(customerId)) ? PARTNER : OTHER_PARTNER;
    }

    static Response list(String partner, CustomerQuery query, int limit, String token) {
        CustomerFilter f = query.filter();
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("view", f.view() == null ? null : f.view().name().toLowerCase());
        parameters.put("q", f.q());
        parameters.put("accountType", text(f.accountType()));
        parameters.put("status", text(f.status()));
        parameters.put("onboardingStatus", text(f.onboardingStatus()));
        parameters.put("source", text(f.source()));
        parameters.put("autoUpgrade", text(f.autoUpgrade()));
        parameters.put("expiresBefore", text(f.expiresBefore()));
        parameters.put("expiresAfter", text(f.expiresAfter()));
        parameters.put("sort", query.sort().parameter());
        parameters.put("limit", Integer.toString(limit));
        parameters.put("nextToken", token);
        var event = ApiEvents.load("list-customers.json").as(partner, "alice@" + partner + ".example");
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            event = event.query(parameter.getKey(), parameter.getValue());
        }
        return event.sendTo(new ListCustomersHandler(dependencies));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

}
