package partnerhub.lambda.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import partnerhub.emulator.Provisioner;
import partnerhub.emulator.Template;

class FunctionPoliciesTest {

    static final Map<String, String> REFERENCES = new Provisioner.Resources("customers", "bus", "noreply@example.com",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:keys-AbCdEf", "mail", "test-exportbucket")
            .references("test", "us-east-1", "123456789012", "https://example.com/activate");
    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/customers";

    @TempDir
    Path directory;

    @Test
    void templateYamlsStatementsResolvedAgainstTheStack() {
        var policies = new FunctionPolicies(Template.path(),
                REFERENCES);
        Policy createCustomer = policies.of("CreateCustomerFunction");
        var customer = new Request("dynamodb:PutItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("PARTNER#a")));
        var receipt = new Request("dynamodb:PutItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("RECEIPT#r")));
        assertTrue(createCustomer.decide(customer).allowed());
        assertFalse(createCustomer.decide(receipt).allowed());
        assertTrue(createCustomer.decide(new Request("secretsmanager:GetSecretValue", REFERENCES.get("SigningKeys"),
                Map.of())).allowed());
    }

    @Test
    void aReasonOnASidLineIsReadForThatFunctionsStatementOnly() throws IOException {
        Path template = write("""
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - Sid: Read  # not exercised here: read only by the mapping
                              Effect: Allow
                              Action: dynamodb:GetItem
                              Resource: !GetAtt CustomersTable.Arn
                  Second:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - Sid: Read
                              Effect: Allow
                              Action: dynamodb:GetItem
                              Resource: !GetAtt CustomersTable.Arn
                """);
        var policies = new FunctionPolicies(template, REFERENCES);
        Statement first = policies.of("First").statements().getFirst();
        assertEquals("read only by the mapping", first.notExercisedBecause());
        assertEquals(List.of(TABLE), first.resources());
        assertEquals(null, policies.of("Second").statements().getFirst().notExercisedBecause());
    }

    @Test
    void aPolicyItCannotReadIsRefused() throws IOException {
        Path template = write("""
                Resources:
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - DynamoDBCrudPolicy: { TableName: !Ref CustomersTable }
                """);
        assertThrows(IllegalArgumentException.class, () -> new FunctionPolicies(template, REFERENCES).of("Function"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("template.yaml"), text);
    }
}
