package partnerhub.domain.delivery;

/** Something a saved change must still make happen outside the table: an event to publish or an email to send. */
public sealed interface Effect permits DomainEvent, MailRequest {}
