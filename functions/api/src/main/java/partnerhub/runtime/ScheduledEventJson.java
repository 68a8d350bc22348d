package partnerhub.runtime;

import static partnerhub.runtime.JsonTree.list;
import static partnerhub.runtime.JsonTree.map;
import static partnerhub.runtime.JsonTree.string;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * An EventBridge event into {@code ScheduledEvent}, by hand as {@link HttpApiJson} does for HTTP events. Its own
 * class because the type's time is joda-time's: only the functions that read a schedule carry that jar.
 */
public final class ScheduledEventJson {

    private ScheduledEventJson() {}

    /** An EventBridge event: the schedule's, or any other (the type is the events library's generic shape). */
    public static ScheduledEvent read(InputStream input) throws IOException {
        Map<String, Object> json = JSON.std.mapFrom(input);
        var event = new ScheduledEvent();
        event.setId(string(json.get("id")));
        event.setDetailType(string(json.get("detail-type")));
        event.setSource(string(json.get("source")));
        event.setAccount(string(json.get("account")));
        event.setRegion(string(json.get("region")));
        if (json.get("time") instanceof String time) {
            event.setTime(new DateTime(time, DateTimeZone.UTC));
        }
        event.setResources(list(json.get("resources")).stream().map(JsonTree::string).toList());
        event.setDetail(map(json.get("detail")));
        return event;
    }

}
