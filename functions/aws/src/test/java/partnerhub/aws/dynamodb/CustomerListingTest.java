package partnerhub.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CustomerListingTest {

    @Test
    void asksForWhatThePageStillNeedsAtTheShareOfMatchesSeen() {
        // 5 of 100 read matched: 21 more need about 420 items, and a quarter more.
        assertEquals(525, CustomerListing.nextAsk(21, 5, 100, 26));
        assertEquals(2, CustomerListing.nextAsk(1, 25, 26, 26), "a filter most customers match asks for little");
    }

    @Test
    void growsFourfoldWhileNothingMatchedAndNeverPastTheCap() {
        assertEquals(104, CustomerListing.nextAsk(26, 0, 26, 26));
        assertEquals(CustomerListing.MAX_ASK, CustomerListing.nextAsk(26, 0, 1_000, 1_000));
        assertEquals(CustomerListing.MAX_ASK, CustomerListing.nextAsk(26, 1, 5_000, 2_000));
    }
}
