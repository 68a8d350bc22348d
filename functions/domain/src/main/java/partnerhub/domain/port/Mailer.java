package partnerhub.domain.port;

import partnerhub.domain.Email;

public interface Mailer {

    void send(Email email);
}
