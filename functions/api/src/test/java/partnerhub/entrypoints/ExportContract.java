package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Response;

/**
 * {@code GET /customers/export} (contract section 10): the list's filters and sort, every customer they match as
 * RFC 4180 CSV, inline while it fits one Lambda response, else a {@code 303} to a presigned S3 link that downloads
 * the same file.
 */
abstract class ExportContract extends ApiContract {

    Response export(String partner, String role, Map<String, String> filters, ExportCustomersHandler handler) {
        var event = ApiEvents.load("export-customers.json").as(partner, USER, role).query("accountType", null)
                .query("sort", null);
        for (var filter : filters.entrySet()) {
            event = event.query(filter.getKey(), filter.getValue());
        }
        return event.sendTo(handler);
    }

    Response export(Map<String, String> filters) {
        return export(PARTNER, "ADMIN", filters, new ExportCustomersHandler(dependencies));
    }

    /** The file's rows as cells: RFC 4180's quoting undone. */
    static List<List<String>> rows(String csv) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @Test
    void everyMatchingCustomerOfThePartnerInTheOrderAskedWithTheHeader() {
        createNamed(PARTNER, "Contoso");
        assertEquals(201, create(PARTNER, customerJson("=1+2", "it@formula.example", "STANDARD", "[]")).status());
        assertEquals(201, create(PARTNER, customerJson("Fabrikam, Inc.", "it@fabrikam.example", "STANDARD", "[]"))
                .status());
        createNamed(OTHER_PARTNER, "Contoso");

        Response file = export(Map.of("sort", "organizationName"));

        assertEquals(200, file.status(), file::toString);
        assertEquals("text/csv; charset=utf-8", file.header("Content-Type"));
        assertTrue(file.header("Content-Disposition").startsWith("attachment; filename=\"customers-"));
        var rows = rows(file.body());
        assertEquals(List.of("customerId", "organizationName"), rows.getFirst().subList(0, 2));
        assertEquals(List.of("'=1+2", "Contoso", "Fabrikam, Inc."),
                rows.subList(1, rows.size()).stream().map(row -> row.get(1)).toList());
        assertEquals(List.of("Contoso"), rows(export(Map.of("q", "CONTOSO")).body()).stream().skip(1)
                .map(row -> row.get(1)).toList());
    }

    @Test
    void aViewerMayExportAndBadFiltersAreNamed() {
        createNamed(PARTNER, "Contoso");

        assertEquals(2, rows(export(PARTNER, "VIEWER", Map.of(), new ExportCustomersHandler(dependencies)).body())
                .size());
        Response refused = export(Map.of("status", "GONE", "limit", "10"));
        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertEquals(List.of("limit", "status"), errorFields(refused).stream().sorted().toList());
    }

    @Test
    void aFileTooBigForOneResponseIsADownloadFromS3ThatHoldsTheSameFile() throws IOException, InterruptedException {
        createNamed(PARTNER, "Contoso");
        createNamed(PARTNER, "Fabrikam");
        String inline = export(Map.of()).body();

        Response redirected = export(PARTNER, "ADMIN", Map.of(), new ExportCustomersHandler(dependencies, 100));

        assertEquals(303, redirected.status(), redirected::toString);
        URI link = URI.create(redirected.header("Location"));
        assertTrue(link.getQuery().contains("X-Amz-Expires=300"), link::toString);
        assertTrue(link.getPath().contains("/exports/" + PARTNER + "/"), link::toString);
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, download.statusCode(), download::body);
        assertEquals(inline, download.body());
    }
}
