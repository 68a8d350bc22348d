package partnerhub.domain.registry;

import java.util.List;

/** The SKUs a customer can have (exactly one) and the add-ons it can add (any, no duplicates). */
public record Catalog(List<Item> skus, List<Item> addOns) {

    public record Item(String id, String name) {}

    public static final Catalog DEFAULT = new Catalog(
            List.of(new Item("STANDARD", "Standard"),
                    new Item("PROFESSIONAL", "Professional"),
                    new Item("ENTERPRISE", "Enterprise")),
            List.of(new Item("AUDIT", "Audit"),
                    new Item("GOVERNANCE", "Governance"),
                    new Item("BACKUP", "Backup")));

    public Catalog {
        skus = List.copyOf(skus);
        addOns = List.copyOf(addOns);
    }

    public boolean hasSku(String id) {
        return skus.stream().anyMatch(item -> item.id().equals(id));
    }

    public boolean hasAddOn(String id) {
        return addOns.stream().anyMatch(item -> item.id().equals(id));
    }
}
