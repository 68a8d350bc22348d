package partnerhub.lambda.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import partnerhub.emulator.RecordingProxy.Call;

class IamRequestsTest {

    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/customers";

    final IamRequests requests = new IamRequests("us-east-1", "123456789012",
            new DynamoDbRequests("us-east-1", "123456789012", "pk", Map.of("ViewIndex", "viewKey")));

    static Call call(String service, String operation, String body) {
        return new Call(service, operation, "POST", "/", body);
    }

    static Request request(String action, String resource, String... leadingKeys) {
        return new Request(action, resource, Map.of("dynamodb:LeadingKeys", List.of(leadingKeys)));
    }

    @Test
    void aTransactionIsAuthorizedItemByItemAsTheSingleItemActions() {
        var call = call("dynamodb", "TransactWriteItems", """
                {"TransactItems":[
                 {"Put":{"TableName":"customers","Item":{"pk":{"S":"PARTNER#a"},"sk":{"S":"CUSTOMER#1"}}}},
                 {"Update":{"TableName":"customers","Key":{"pk":{"S":"LINK#n"},"sk":{"S":"LINK"}}}},
                 {"Delete":{"TableName":"customers","Key":{"pk":{"S":"OUTBOX#1"},"sk":{"S":"x"}}}},
                 {"ConditionCheck":{"TableName":"customers","Key":{"pk":{"S":"RECEIPT#r"},"sk":{"S":"RECEIPT"}}}}]}
                """);
        assertEquals(List.of(
                request("dynamodb:PutItem", TABLE, "PARTNER#a"),
                request("dynamodb:UpdateItem", TABLE, "LINK#n"),
                request("dynamodb:DeleteItem", TABLE, "OUTBOX#1"),
                request("dynamodb:ConditionCheckItem", TABLE, "RECEIPT#r")), requests.of(call));
    }

    @Test
    void aTransactionalReadIsAGetItemAnItem() {
        var call = call("dynamodb", "TransactGetItems", """
                {"TransactItems":[{"Get":{"TableName":"customers","Key":{"pk":{"S":"PARTNER#a"},"sk":{"S":"s"}}}}]}
                """);
        assertEquals(List.of(request("dynamodb:GetItem", TABLE, "PARTNER#a")), requests.of(call));
    }

    @Test
    void aBatchIsItsOwnActionWithEveryKeyOfItsTable() {
        var call = call("dynamodb", "BatchWriteItem", """
                {"RequestItems":{"customers":[
                 {"PutRequest":{"Item":{"pk":{"S":"PARTNER#a"},"sk":{"S":"1"}}}},
                 {"DeleteRequest":{"Key":{"pk":{"S":"LOG#a#1"},"sk":{"S":"2"}}}}]}}
                """);
        assertEquals(List.of(request("dynamodb:BatchWriteItem", TABLE, "PARTNER#a", "LOG#a#1")), requests.of(call));
    }

    @Test
    void aQueryNamesItsIndexAndThePartitionKeyItsKeyConditionFixes() {
        var onTable = call("dynamodb", "Query", """
                {"TableName":"customers","KeyConditionExpression":"pk = :pk AND sk < :before",
                 "ExpressionAttributeValues":{":pk":{"S":"OUTBOX#2"},":before":{"S":"01"}}}
                """);
        var onIndex = call("dynamodb", "Query", """
                {"TableName":"customers","IndexName":"ViewIndex","KeyConditionExpression":"#v = :view",
                 "ExpressionAttributeNames":{"#v":"viewKey"},"ExpressionAttributeValues":{":view":{"S":"p#ALL"}}}
                """);
        assertEquals(List.of(request("dynamodb:Query", TABLE, "OUTBOX#2")), requests.of(onTable));
        assertEquals(List.of(request("dynamodb:Query", TABLE + "/index/ViewIndex", "p#ALL")), requests.of(onIndex));
    }

    @Test
    void eachEventIsAuthorizedOnItsBusWithItsSourceAndDetailType() {
        var call = call("events", "PutEvents", """
                {"Entries":[{"EventBusName":"test-customers","Source":"partner.customers",
                 "DetailType":"CustomerCreated","Detail":"{}"}]}
                """);
        assertEquals(List.of(new Request("events:PutEvents",
                "arn:aws:events:us-east-1:123456789012:event-bus/test-customers",
                Map.of("events:source", List.of("partner.customers"),
                        "events:detail-type", List.of("CustomerCreated")))), requests.of(call));
    }

    @Test
    void anEmailIsAuthorizedOnItsIdentityAndItsConfigurationSet() {
        var call = new Call("ses", "POST /v2/email/outbound-emails", "POST", "/v2/email/outbound-emails", """
                {"FromEmailAddress":"Partner Hub <noreply@partnerhub.example>","ConfigurationSetName":"mail"}
                """);
        var from = Map.of("ses:FromAddress", List.of("noreply@partnerhub.example"));
        assertEquals(List.of(
                new Request("ses:SendEmail",
                        "arn:aws:ses:us-east-1:123456789012:identity/noreply@partnerhub.example", from),
                new Request("ses:SendEmail", "arn:aws:ses:us-east-1:123456789012:configuration-set/mail", from)),
                requests.of(call));
    }

    @Test
    void aSecretIsAuthorizedOnItsArn() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:keys-AbCdEf";
        var call = call("secretsmanager", "GetSecretValue", "{\"SecretId\":\"" + arn + "\"}");
        assertEquals(List.of(new Request("secretsmanager:GetSecretValue", arn, Map.of())), requests.of(call));
    }
}
