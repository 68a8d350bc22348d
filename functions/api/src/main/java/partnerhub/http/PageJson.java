package partnerhub.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import partnerhub.domain.change.Page;

/** The contract's page: {@code {"items": [...], "nextToken": string or null}}. */
public final class PageJson {

    private PageJson() {}

    public static <T> ApiResponse response(Page<T> page, Function<T, Map<String, Object>> item) {
        var json = new LinkedHashMap<String, Object>();
        json.put("items", page.items().stream().map(item).toList());
        json.put("nextToken", page.next());
        return ApiResponse.json(200, json);
    }
}
