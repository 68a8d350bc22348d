package partnerhub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;

class CustomerCsvTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aHeaderOfTheResourcesFieldsThenOneCrlfRowPerCustomer() {
        Customer customer = Customer.newTrial("01KAWJ5N8Q0000000000000000", "msp-contoso",
                new NewCustomer("Contoso", "it@contoso.example", "STANDARD", List.of("AUDIT", "BACKUP")), Source.MSP,
                null, null, NOW);

        String csv = CustomerCsv.of(List.of(customer));

        assertEquals(String.join(",", CustomerJson.FIELDS) + "\r\n"
                + "01KAWJ5N8Q0000000000000000,Contoso,it@contoso.example,STANDARD,AUDIT;BACKUP,MSP,PENDING,TRIAL,"
                + "ACTIVE,,true,0,0,,2026-12-01T09:00:00Z,2026-12-01T09:00:00Z,1\r\n", csv);
        assertEquals(CustomerJson.FIELDS, List.copyOf(CustomerJson.of(customer).keySet()));
    }

    @Test
    void quotesWhatRfc4180NeedsQuoted() {
        assertEquals("\"Smith, Jones & Co\"", CustomerCsv.cell("Smith, Jones & Co"));
        assertEquals("\"The \"\"Best\"\" Ltd\"", CustomerCsv.cell("The \"Best\" Ltd"));
        assertEquals("\"two\nlines\"", CustomerCsv.cell("two\nlines"));
        assertEquals("plain", CustomerCsv.cell("plain"));
        assertEquals("", CustomerCsv.cell(""));
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsText() {
        assertEquals("\"'=HYPERLINK(\"\"http://x.example\"\")\"", CustomerCsv.cell("=HYPERLINK(\"http://x.example\")"));
        assertEquals("'+1", CustomerCsv.cell("+1"));
        assertEquals("'-2", CustomerCsv.cell("-2"));
        assertEquals("'@SUM(A1)", CustomerCsv.cell("@SUM(A1)"));
        assertEquals("'\tTab", CustomerCsv.cell("\tTab"));
        assertEquals("\"'\rCR\"", CustomerCsv.cell("\rCR"));
        assertEquals("a=b", CustomerCsv.cell("a=b"));
    }
}
