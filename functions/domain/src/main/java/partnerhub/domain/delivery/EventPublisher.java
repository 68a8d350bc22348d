package partnerhub.domain.delivery;


public interface EventPublisher {

    void publish(DomainEvent event);
}
