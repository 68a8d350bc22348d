package partnerhub.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import partnerhub.aws.dynamodb.BulkCustomers;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.View;
import partnerhub.domain.listing.CustomerFilter;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.listing.Sort;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;
import partnerhub.emulator.ManyCustomers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What {@code GET /customers}'s listings cost at many customers of one partner: for each listing, the DynamoDB items
 * its Query calls read (their ScannedCount) per customer returned, and how long a page of 25 takes against moto. Read
 * in-process through {@link DynamoDbCustomerStore#list}, the store the handler lists with (the page token's seal and
 * the JSON are not in it). Every listing's customers are checked against the domain's own
 * {@link CustomerQuery#matches} and {@link Sort#order} on the customers written, so a wrong figure fails the run.
 */
final class ListingBench {

    private static final String PARTNER = "msp-listing";
    /** Customers of another partner with the same names and emails: a listing that let one through fails its check. */
    private static final String OTHER_PARTNER = "msp-neighbour";
    private static final int OTHER_PARTNER_SHARE = 10;
    static final int PAGE = 25;
    /** The first page is read this many times for its latency: it is the page every listing starts with. */
    static final int FIRST_PAGE_READS = 20;

    /** One listing: its parameters as GET /customers takes them ("now" for the instant the customers were made at). */
    private record Pattern(String parameters, CustomerQuery query) {}

    /**
     * Items read in one page, or in all of a listing's pages.
     *
     * @param itemsRead the ScannedCount of every Query: items DynamoDB read, before the filter expression
     */
    record Reads(int pages, int returned, long itemsRead, int queries) {

        double perReturned() {
            return returned == 0 ? Double.NaN : (double) itemsRead / returned;
        }
    }

    /**
     * @param matching  the partner's customers the listing matches, by the domain's rules
     * @param firstPage one read of the first page
     * @param all       every page, each from the last one's cursor, to the end
     */
    record Listing(String parameters, int matching, Reads firstPage, List<Double> firstPageMillis, Reads all,
                   List<Double> pageMillis) {}

    record Result(int customers, int otherPartnersCustomers, double loadSeconds, List<Listing> listings) {}

    private ListingBench() {}

    static Result run(Bench bench) {
        int total = bench.options().listingCustomers();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Customer> customers = ManyCustomers.varied(PARTNER, total, now);
        List<Customer> neighbours = ManyCustomers.varied(OTHER_PARTNER, Math.max(1, total / OTHER_PARTNER_SHARE), now);

        bench.stack().provision();
        long started = System.nanoTime();
        var bulk = new BulkCustomers(bench.stack().clients().dynamoDb(), bench.stack().tableName(),
                new Lifecycle(LifecycleSettings.DEFAULTS));
        bulk.load(customers);
        bulk.load(neighbours);
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        bench.progress("listing: wrote " + customers.size() + " customers and " + neighbours.size()
                + " of another partner in " + Math.round(loadSeconds) + " s");

        var counted = new CountedQueries(bench.stack().clients().dynamoDb());
        var store = new DynamoDbCustomerStore(counted, bench.stack().tableName(),
                new Lifecycle(LifecycleSettings.DEFAULTS), Clock.systemUTC());
        var listings = new ArrayList<Listing>();
        for (Pattern pattern : patterns(now)) {
            listings.add(measure(store, counted, pattern, customers));
            bench.progress("listing: " + pattern.parameters());
        }
        return new Result(customers.size(), neighbours.size(), loadSeconds, listings);
    }

    /** The listings measured: each index, and filters that keep many, few and none of the customers. */
    private static List<Pattern> patterns(Instant now) {
        Instant weekOut = now.plus(Duration.ofDays(7));
        String thisWeek = "expiresAfter=now&expiresBefore=now+7d";
        return List.of(
                new Pattern("(none: newest first)", CustomerQuery.NEWEST_FIRST),
                new Pattern("view=customers", new CustomerQuery(CustomerFilter.of(View.CUSTOMERS), Sort.NEWEST_FIRST)),
                // "Wingtip 99", "Wingtip 999", "Wingtip 9909"...: a few at any size from 100, and the other partner's
                new Pattern("q=wingtip 99", query(filter().q("wingtip 99"), Sort.NEWEST_FIRST)),
                new Pattern("q=no such customer", query(filter().q("no such customer"), Sort.NEWEST_FIRST)),
                new Pattern("accountType=TRIAL&autoUpgrade=false",
                        query(filter().accountType(AccountType.TRIAL).autoUpgrade(false), Sort.NEWEST_FIRST)),
                new Pattern("status=EXPIRED", query(filter().status(Status.EXPIRED), Sort.NEWEST_FIRST)),
                new Pattern("source=DIRECT", query(filter().source(Source.DIRECT), Sort.NEWEST_FIRST)),
                new Pattern(thisWeek + "&sort=expirationDate",
                        query(filter().expiresAfter(now).expiresBefore(weekOut), Sort.EXPIRATION_DATE)),
                new Pattern(thisWeek, query(filter().expiresAfter(now).expiresBefore(weekOut), Sort.NEWEST_FIRST)),
                new Pattern("sort=organizationName", new CustomerQuery(CustomerFilter.ALL, Sort.ORGANIZATION_NAME)),
                new Pattern("sort=expirationDate", new CustomerQuery(CustomerFilter.ALL, Sort.EXPIRATION_DATE)));
    }

    private static Listing measure(DynamoDbCustomerStore store, CountedQueries counted, Pattern pattern,
                                   List<Customer> customers) {
        CustomerQuery query = pattern.query();
        List<String> expected = customers.stream().filter(query::matches).sorted(query.order())
                .map(Customer::customerId).toList();

        var firstPageMillis = new ArrayList<Double>();
        PageRead first = null;
        for (int i = 0; i < FIRST_PAGE_READS; i++) {
            first = read(store, counted, pattern, null);
            // A page may end short (its read budget spent): the first is where the listing begins, not all of it.
            check(pattern, first.ids(), expected.subList(0, Math.min(first.ids().size(), expected.size())));
            firstPageMillis.add(first.millis());
        }

        var listed = new ArrayList<String>();
        var pageMillis = new ArrayList<Double>();
        long itemsRead = 0;
        int queries = 0;
        String cursor = null;
        do {
            PageRead page = read(store, counted, pattern, cursor);
            listed.addAll(page.ids());
            pageMillis.add(page.millis());
            itemsRead += page.itemsRead();
            queries += page.queries();
            cursor = page.next();
        } while (cursor != null);
        check(pattern, listed, expected);
        return new Listing(pattern.parameters(), expected.size(),
                new Reads(1, first.ids().size(), first.itemsRead(), first.queries()), firstPageMillis,
                new Reads(pageMillis.size(), listed.size(), itemsRead, queries), pageMillis);
    }

    /** One page of 25 read through the store: its customers, its cursor, its time, its Query calls and reads. */
    private record PageRead(List<String> ids, String next, double millis, long itemsRead, int queries) {}

    private static PageRead read(DynamoDbCustomerStore store, CountedQueries counted, Pattern pattern, String cursor) {
        CountedQueries.Count before = counted.count();
        long started = System.nanoTime();
        Page<Customer> page = store.list(PARTNER, pattern.query(), PAGE, cursor);
        double millis = (System.nanoTime() - started) / 1e6;
        CountedQueries.Count after = counted.count();
        if (page.items().size() > PAGE) {
            throw new IllegalStateException(pattern.parameters() + ": a page of " + page.items().size()
                    + " customers, more than the " + PAGE + " asked for");
        }
        for (Customer customer : page.items()) {
            if (!customer.partnerId().equals(PARTNER) || !pattern.query().matches(customer)) {
                throw new IllegalStateException(pattern.parameters() + ": listed " + customer.customerId() + " of "
                        + customer.partnerId() + ", which the listing does not match");
            }
        }
        return new PageRead(page.items().stream().map(Customer::customerId).toList(), page.next(), millis,
                after.itemsRead() - before.itemsRead(), after.queries() - before.queries());
    }

    /** The listing's customers, in its order, must be the ones the domain's rules pick and sort. */
    private static void check(Pattern pattern, List<String> listed, List<String> expected) {
        if (listed.equals(expected)) {
            return;
        }
        int at = 0;
        while (at < Math.min(listed.size(), expected.size()) && listed.get(at).equals(expected.get(at))) {
            at++;
        }
        throw new IllegalStateException(pattern.parameters() + ": listed " + listed.size() + " customers where "
                + expected.size() + " were expected; the first difference at position " + at);
    }

    private static CustomerQuery query(FilterBuilder filter, Sort sort) {
        return new CustomerQuery(filter.build(), sort);
    }

    private static FilterBuilder filter() {
        return new FilterBuilder();
    }

    /** CustomerFilter's nine fields, setting only those a listing names. */
    private static final class FilterBuilder {
        private String q;
        private AccountType accountType;
        private Status status;
        private Source source;
        private Boolean autoUpgrade;
        private Instant expiresBefore;
        private Instant expiresAfter;

        FilterBuilder q(String value) {
            q = value;
            return this;
        }

        FilterBuilder accountType(AccountType value) {
            accountType = value;
            return this;
        }

        FilterBuilder status(Status value) {
            status = value;
            return this;
        }

        FilterBuilder source(Source value) {
            source = value;
            return this;
        }

        FilterBuilder autoUpgrade(boolean value) {
            autoUpgrade = value;
            return this;
        }

        FilterBuilder expiresBefore(Instant value) {
            expiresBefore = value;
            return this;
        }

        FilterBuilder expiresAfter(Instant value) {
            expiresAfter = value;
            return this;
        }

        CustomerFilter build() {
            return new CustomerFilter(null, q, accountType, status, null, source, autoUpgrade, expiresBefore,
                    expiresAfter);
        }
    }

    /**
     * The harness's DynamoDB client, counting the Query calls made through it and summing their ScannedCount (what
     * DynamoDB read before the filter expression, the figure it bills by). Anything but a Query is refused, so a
     * listing that read some other way could not go uncounted.
     */
    static final class CountedQueries implements DynamoDbClient {

        private final DynamoDbClient dynamoDb;
        private long itemsRead;
        private int queries;

        CountedQueries(DynamoDbClient dynamoDb) {
            this.dynamoDb = dynamoDb;
        }

        /** The totals so far: a page's are the difference between two. */
        record Count(long itemsRead, int queries) {}

        Count count() {
            return new Count(itemsRead, queries);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            QueryResponse response = dynamoDb.query(request);
            queries++;
            itemsRead += response.scannedCount();
            return response;
        }

        @Override
        public String serviceName() {
            return dynamoDb.serviceName();
        }

        @Override
        public void close() {
            // The stack's client: the stack closes it.
        }
    }
}
