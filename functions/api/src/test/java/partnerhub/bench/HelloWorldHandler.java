package partnerhub.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor for {@link ColdStartBenchmark}: a stream handler that reads its event and answers a fixed API Gateway
 * response, so that what remains is the JVM and the runtime emulation. Copied alone onto the child's classpath, like
 * {@link LambdaInvoke}: it must stay a single class.
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
