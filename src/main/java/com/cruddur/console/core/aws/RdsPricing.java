package com.cruddur.console.core.aws;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * On-demand prices of an RDS instance from the AWS Price List Query API ({@code GetProducts} on service
 * {@code AmazonRDS}, in us-east-1): the instance hour by engine, class, region and deployment (Single-AZ or
 * Multi-AZ), the storage GB-month by volume type, region and deployment. Kept for a day in a {@link PriceCache}.
 */
public final class RdsPricing {
    static final String SERVICE = "AmazonRDS";
    private static final Logger LOG = Logger.getLogger(RdsPricing.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENGINES = Map.of("postgres", "PostgreSQL", "mysql", "MySQL",
            "mariadb", "MariaDB");
    private static final Map<String, String> VOLUMES = Map.of("gp2", "General Purpose", "gp3", "General Purpose-GP3",
            "io1", "Provisioned IOPS", "io2", "Provisioned IOPS-IO2", "standard", "Magnetic");

    private final PricingClient pricing;
    private final PriceCache cache;
    private final String profile;
    private final String endpoint;

    /** @param cache where prices are kept for a day; null for none */
    public RdsPricing(PricingClient pricing, PriceCache cache, String profileLabel, String endpoint) {
        this.pricing = pricing;
        this.cache = cache;
        this.profile = profileLabel;
        this.endpoint = endpoint;
    }

    /**
     * The monthly cost of the instance running and stopped in {@code region}; never throws for pricing problems (no
     * permission, no network, no price listed): the estimate then says why it is not known.
     */
    public CostEstimate estimate(DbInstanceInfo info, String region) {
        String engine = ENGINES.get(info.engine() == null ? "" : info.engine().toLowerCase(Locale.ROOT));
        if (engine == null) {
            return CostEstimate.unavailable(info.identifier(), "no price lookup for engine " + info.engine());
        }
        String storageType = info.storageType() == null ? "gp2" : info.storageType().toLowerCase(Locale.ROOT);
        String volume = VOLUMES.get(storageType);
        if (volume == null) {
            return CostEstimate.unavailable(info.identifier(), "no price lookup for storage type " + storageType);
        }
        String deployment = info.multiAz() ? "Multi-AZ" : "Single-AZ";
        try {
            BigDecimal hourly = price("instance|" + engine + "|" + info.instanceClass() + "|" + region + "|" + deployment,
                    "Hrs", engine, List.of(term("productFamily", "Database Instance"), term("databaseEngine", engine),
                            term("instanceType", info.instanceClass()), term("regionCode", region),
                            term("deploymentOption", deployment)),
                    info.instanceClass() + " " + engine + " " + deployment + " in " + region);
            BigDecimal storage = price("storage|" + volume + "|" + region + "|" + deployment + "|" + engine, "GB-Mo",
                    engine, List.of(term("productFamily", "Database Storage"), term("volumeType", volume),
                            term("regionCode", region), term("deploymentOption", deployment)),
                    storageType + " storage " + deployment + " in " + region);
            int gb = info.allocatedStorageGb() == null ? 0 : info.allocatedStorageGb();
            return CostEstimate.of(info.identifier(), hourly, storage, gb);
        } catch (AwsProblem p) {
            // the SDK's own text ("Service: Pricing, Status Code: …, SDK Attempt Count: …") is for the log only
            LOG.log(Level.INFO, "cost of " + info.identifier() + " not known", p);
            return CostEstimate.unavailable(info.identifier(), inWords(p));
        }
    }

    /**
     * Why the prices are not known, in words: a server error or no connection says that prices could not be read
     * and what to do; answers that already say what to do (no permission, no price listed, credentials) stay as they are.
     */
    private String inWords(AwsProblem p) {
        if (p.getCause() instanceof AwsServiceException s && (p.code() == null || p.code().isBlank())) {
            return "prices could not be read: the AWS Price List answered HTTP " + s.statusCode()
                    + (s.statusCode() >= 500 ? " (a failure on its side)" : "") + "; try Refresh later (details in the log)";
        }
        if ("Unreachable".equals(p.code()) || "Timeout".equals(p.code())) {
            return "prices could not be read: " + ("Timeout".equals(p.code()) ? endpoint + " did not answer in time"
                    : "cannot reach " + endpoint) + "; check the network or the endpoint URL, then Refresh";
        }
        return p.getMessage();
    }

    private BigDecimal price(String key, String unit, String engine, List<Filter> filters, String what) {
        if (cache != null) {
            Optional<BigDecimal> kept = cache.get(key);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        List<String> products = call("look up the price of " + what, () -> pricing.getProducts(GetProductsRequest.builder()
                .serviceCode(SERVICE).formatVersion("aws_v1").filters(filters).maxResults(100).build()).priceList());
        BigDecimal found = pick(products, unit, engine).orElseThrow(() -> new AwsProblem("the AWS Price List has no"
                + " on-demand price for " + what, "NoPrice", null));
        if (cache != null) {
            cache.put(key, found);
        }
        return found;
    }

    /**
     * The on-demand price per {@code unit} among the products (each a JSON document as GetProducts returns it),
     * preferring one of {@code engine} (storage is also listed for "Any" engine); the lowest when several remain.
     */
    static Optional<BigDecimal> pick(List<String> products, String unit, String engine) {
        List<BigDecimal> exact = new ArrayList<>();
        List<BigDecimal> other = new ArrayList<>();
        for (String text : products) {
            JsonNode product;
            try {
                product = JSON.readTree(text);
            } catch (Exception e) {
                continue;
            }
            String productEngine = product.path("product").path("attributes").path("databaseEngine").asText("");
            for (JsonNode term : product.path("terms").path("OnDemand")) {
                for (JsonNode dim : term.path("priceDimensions")) {
                    if (!unit.equalsIgnoreCase(dim.path("unit").asText())) {
                        continue;
                    }
                    try {
                        BigDecimal usd = new BigDecimal(dim.path("pricePerUnit").path("USD").asText());
                        if (usd.signum() > 0) {
                            (engine.equalsIgnoreCase(productEngine) ? exact : other).add(usd);
                        }
                    } catch (NumberFormatException noPrice) {
                        // a dimension without a USD price: not one we can use
                    }
                }
            }
        }
        List<BigDecimal> use = exact.isEmpty() ? other : exact;
        return use.stream().min(BigDecimal::compareTo);
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, new AwsErrors.Call(what, "pricing:GetProducts", endpoint, profile));
        }
    }
}
