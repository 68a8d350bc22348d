package partnerhub.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import partnerhub.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the tests and the local runtime rely on moto's server for beyond AWS's own APIs: a send count that says when
 * its whole-state dump is worth reading, a memory that does not grow by a table's copy per transaction, and
 * transactions that still roll back whole with one copy per transaction.
 */
class MotoServerTest {

    @Test
    void keepsNoCopyOfTheTableForEachTransaction() {
        MotoServer moto = MotoServer.shared();
        try (var clients = new AwsClients(FaultProxyTest.settings(moto.endpoint()))) {
            DynamoDbClient dynamoDb = clients.dynamoDb();
            dynamoDb.createTable(request -> request.tableName("untracked").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            for (int i = 0; i < 10; i++) {
                dynamoDb.transactWriteItems(request -> request.transactItems(write -> write.put(put -> put
                        .tableName("untracked").item(Map.of("pk", AttributeValue.fromS(UUID.randomUUID().toString()))))));
            }
            // Tracked, each transaction would have added a copy of the table and of every item in it.
            @SuppressWarnings("unchecked")
            var dynamoDbModels = (Map<String, List<?>>) moto.dump().getOrDefault("dynamodb", Map.of());
            dynamoDbModels.forEach((model, instances) -> assertEquals(List.of(), instances, model));
            assertEquals(10, dynamoDb.scan(request -> request.tableName("untracked")).count());
        }
    }

    @Test
    void aRefusedTransactionStillWritesNone() {
        MotoServer moto = MotoServer.shared();
        try (var clients = new AwsClients(FaultProxyTest.settings(moto.endpoint()))) {
            DynamoDbClient dynamoDb = clients.dynamoDb();
            dynamoDb.createTable(request -> request.tableName("refused").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            dynamoDb.putItem(request -> request.tableName("refused").item(Map.of("pk", AttributeValue.fromS("taken"))));

            // The first put applies before the second's condition fails: the one copy taken first must undo it.
            assertThrows(TransactionCanceledException.class, () -> dynamoDb.transactWriteItems(request -> request
                    .transactItems(
                            write -> write.put(put -> put.tableName("refused")
                                    .item(Map.of("pk", AttributeValue.fromS("new")))),
                            write -> write.put(put -> put.tableName("refused")
                                    .item(Map.of("pk", AttributeValue.fromS("taken")))
                                    .conditionExpression("attribute_not_exists(pk)")))));

            assertEquals(1, dynamoDb.scan(request -> request.tableName("refused")).count());
        }
    }

    @Test
    void growsWithEveryEmailMotoAcceptsInTheRegionAskedAbout() {
        MotoServer moto = MotoServer.shared();
        try (var clients = new AwsClients(FaultProxyTest.settings(moto.endpoint()))) {
            clients.ses().createEmailIdentity(request -> request.emailIdentity(FaultProxyTest.SENDER));
            long before = moto.sentCount("us-east-1").orElseThrow();
            long elsewhere = moto.sentCount("eu-west-1").orElseThrow();

            clients.ses().sendEmail(FaultProxyTest.email("counted@partnerhub.example"));

            assertEquals(OptionalLong.of(before + 1), moto.sentCount("us-east-1"));
            assertEquals(OptionalLong.of(elsewhere), moto.sentCount("eu-west-1"));
            assertTrue(moto.sentEmails().stream().anyMatch(email -> email.to().contains("counted@partnerhub.example")));
        }
    }

    @Test
    void isEmptyWhereNothingAnswers() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(OptionalLong.empty(), SesMessages.sentCount(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + closedPort), "us-east-1"));
    }
}
