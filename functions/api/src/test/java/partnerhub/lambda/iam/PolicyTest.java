package partnerhub.lambda.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/customers";

    static Statement allow(String sid, List<String> actions, List<String> resources, Condition condition) {
        return new Statement(sid, true, actions, resources, condition, null);
    }

    static Condition leadingKeys(String operator, String... patterns) {
        return new Condition(Map.of(operator, Map.of("dynamodb:LeadingKeys", List.of(patterns))));
    }

    static Request put(String... partitionKeys) {
        return new Request("dynamodb:PutItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of(partitionKeys)));
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        var allow = allow("Write", List.of("dynamodb:*"), List.of(TABLE), Condition.NONE);
        var deny = new Statement("NoPuts", false, List.of("dynamodb:PutItem"), List.of("*"), Condition.NONE, null);
        var decision = new Policy(List.of(allow, deny)).decide(put("PARTNER#a"));
        assertFalse(decision.allowed());
        assertEquals("NoPuts", decision.by().sid());
        assertTrue(new Policy(List.of(allow, deny)).decide(
                new Request("dynamodb:GetItem", TABLE, Map.of())).allowed());
    }

    @Test
    void withoutAnAllowARequestIsDenied() {
        var decision = new Policy(List.of()).decide(put("PARTNER#a"));
        assertFalse(decision.allowed());
        assertEquals(null, decision.by());
    }

    @Test
    void actionsMatchWildcardsWithoutRegardToCaseResourcesWithIt() {
        var policy = new Policy(List.of(allow("Read", List.of("dynamodb:Get?tem", "DynamoDB:Query"),
                List.of("arn:aws:dynamodb:*:123456789012:table/cust*"), Condition.NONE)));
        assertTrue(policy.decide(new Request("dynamodb:GetItem", TABLE, Map.of())).allowed());
        assertTrue(policy.decide(new Request("dynamodb:query", TABLE + "/index/ViewIndex", Map.of())).allowed());
        assertFalse(policy.decide(new Request("dynamodb:GetItems", TABLE, Map.of())).allowed());
        assertFalse(policy.decide(new Request("dynamodb:GetItem",
                "arn:aws:dynamodb:us-east-1:123456789012:table/Customers", Map.of())).allowed());
    }

    @Test
    void forAllValuesHoldsWhenEveryKeyMatchesAndForNoKeyAtAll() {
        var policy = new Policy(List.of(allow("Write", List.of("dynamodb:PutItem"), List.of(TABLE),
                leadingKeys("ForAllValues:StringLike", "PARTNER#*", "OUTBOX#*"))));
        assertTrue(policy.decide(put("PARTNER#a", "OUTBOX#1")).allowed());
        assertTrue(policy.decide(put()).allowed(), "IAM's ForAllValues holds for an empty set");
        assertFalse(policy.decide(put("PARTNER#a", "RECEIPT#1")).allowed(), "one key outside the list");
    }

    @Test
    void aLeadingKeyOutsideThePatternsIsDenied() {
        var policy = new Policy(List.of(allow("Write", List.of("dynamodb:PutItem"), List.of(TABLE),
                leadingKeys("ForAllValues:StringLike", "PARTNER#*"))));
        var decision = policy.decide(put("LINK#n"));
        assertFalse(decision.allowed());
        assertEquals(null, decision.by());
    }

    @Test
    void forAnyValueNeedsOneMatchingKeySoNeverHoldsForNone() {
        var policy = new Policy(List.of(allow("Write", List.of("dynamodb:PutItem"), List.of(TABLE),
                leadingKeys("ForAnyValue:StringEquals", "PARTNER#a"))));
        assertTrue(policy.decide(put("LOG#x", "PARTNER#a")).allowed());
        assertFalse(policy.decide(put("LOG#x")).allowed());
        assertFalse(policy.decide(put()).allowed(), "IAM's ForAnyValue fails on an empty set");
    }

    @Test
    void aSingleValuedOperatorNeedsTheKeyAndItsNegationHoldsWithoutIt() {
        var bus = "arn:aws:events:us-east-1:123456789012:event-bus/b";
        var sourceIs = new Policy(List.of(allow("Publish", List.of("events:PutEvents"), List.of(bus),
                new Condition(Map.of("StringEquals", Map.of("events:source", List.of("partner.customers")))))));
        var sourceIsNot = new Policy(List.of(allow("Publish", List.of("events:PutEvents"), List.of(bus),
                new Condition(Map.of("StringNotEquals", Map.of("events:source", List.of("partner.customers")))))));
        var ours = new Request("events:PutEvents", bus, Map.of("events:source", List.of("partner.customers")));
        var theirs = new Request("events:PutEvents", bus, Map.of("events:source", List.of("partner.directory")));
        var none = new Request("events:PutEvents", bus, Map.of());
        assertTrue(sourceIs.decide(ours).allowed());
        assertFalse(sourceIs.decide(theirs).allowed());
        assertFalse(sourceIs.decide(none).allowed());
        assertFalse(sourceIsNot.decide(ours).allowed());
        assertTrue(sourceIsNot.decide(theirs).allowed());
        assertTrue(sourceIsNot.decide(none).allowed());
    }

    @Test
    void anOperatorNotEvaluatedHereIsRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class,
                () -> new Condition(Map.of("NumericLessThan", Map.of("aws:MultiFactorAuthAge", List.of("3600")))));
    }
}
