package partnerhub.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor: a stream handler that reads its event and answers a fixed API Gateway response, so what remains is the
 * JVM and the runtime. Deployed (by the harness) with aws-lambda-java-core alone.
 */
public final class HelloWorldHandler implements RequestStreamHandler {

    private static final byte[] RESPONSE = """
            {"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\\"hello\\":\\"world\\"}"}"""
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(OutputStream.nullOutputStream());
        output.write(RESPONSE);
    }
}
