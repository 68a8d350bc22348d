package partnerhub.domain.delivery;


public interface Mailer {

    void send(Email email);
}
