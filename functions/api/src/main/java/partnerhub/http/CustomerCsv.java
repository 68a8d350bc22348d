package partnerhub.http;

import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.Customer;

/**
 * Customers as an RFC 4180 file: a header row of the Customer resource's fields, one row per customer, CRLF line
 * ends, times in UTC ISO-8601, add-ons joined by {@code ;}. A cell a spreadsheet would run as a formula gets a
 * leading {@code '}, so an organization named {@code =HYPERLINK(...)} stays text in the partner's spreadsheet.
 */
public final class CustomerCsv {

    private CustomerCsv() {}

    public static String of(List<Customer> customers) {
        var csv = new StringBuilder();
        row(csv, CustomerJson.FIELDS);
        for (Customer customer : customers) {
            Map<String, Object> json = CustomerJson.of(customer);
            row(csv, CustomerJson.FIELDS.stream().map(field -> text(json.get(field))).toList());
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case List<?> list -> String.join(";", list.stream().map(String::valueOf).toList());
            default -> String.valueOf(value);
        };
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
