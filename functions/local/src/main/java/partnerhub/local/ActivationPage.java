package partnerhub.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the activation links in local emails open ({@code GET /activate}): the customer-facing page is not part of
 * this product, so this stand-in posts the link's token to {@code POST /activations} and shows the answer.
 */
final class ActivationPage {

    static final String PATH = "/activate";

    private static final byte[] PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Activate (local)</title></head>
            <body style="font-family: sans-serif"><h1>Activate your trial</h1><pre id="answer">Activating...</pre>
            <script>
            fetch("/activations", {method: "POST", headers: {"Content-Type": "application/json"},
              body: JSON.stringify({token: new URLSearchParams(location.search).get("token")})})
              .then(r => r.text()).then(t => document.getElementById("answer").textContent = t);
            </script></body></html>
            """.getBytes(StandardCharsets.UTF_8);

    private ActivationPage() {}

    static int send(HttpExchange exchange) throws IOException {
        HttpExchanges.send(exchange, 200, Map.of("Content-Type", List.of("text/html; charset=utf-8")), PAGE);
        return 200;
    }
}
