package partnerhub.domain.port;

import partnerhub.domain.DomainEvent;

public interface EventPublisher {

    void publish(DomainEvent event);
}
