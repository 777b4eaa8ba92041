package com.cruddur.console.core.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local endpoint for tests speaking the AWS query protocol (RDS 2014-10-31, EC2 2016-11-15, STS 2011-06-15: form
 * parameters in, XML out) and the JSON 1.1 protocol (Secrets Manager, the Price List: {@code X-Amz-Target} names the
 * action, JSON in and out). It records each request's action, parameters and headers, and answers with queued
 * real-shaped replies, errors included.
 */
public final class FakeAwsEndpoint implements AutoCloseable {
    static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** CloudWatch as SDK 2.35.0's client speaks it: the query protocol (form in, XML out), API 2010-08-01. */
    static final String CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    public record Request(String action, Map<String, String> params, Map<String, List<String>> headers, String body) {
        public String param(String name) {
            return params.get(name);
        }

        /** The body of a JSON-protocol request. */
        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }
    }

    /** A queued answer; {@code xml} is the body whatever its type (XML for the query protocol, else JSON). */
    public record Reply(int status, String xml, String contentType) {
        public Reply(int status, String xml) {
            this(status, xml, "text/xml;charset=UTF-8");
        }
    }

    static final String JSON_11 = "application/x-amz-json-1.1";

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues replies for an action; the last one keeps answering. */
    public synchronized FakeAwsEndpoint on(String action, Reply... rs) {
        Deque<Reply> q = replies.computeIfAbsent(action, a -> new ArrayDeque<>());
        q.clear();
        q.addAll(List.of(rs));
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String action) {
        return requests().stream().filter(r -> action.equals(r.action())).toList();
    }

    public List<String> actions() {
        return requests().stream().map(Request::action).toList();
    }

    public Request last(String action) {
        List<Request> rs = requests(action);
        if (rs.isEmpty()) {
            throw new AssertionError("no " + action + " request received; got " + actions());
        }
        return rs.get(rs.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        Map<String, String> params = target == null ? parseForm(body) : Map.of();
        // JSON protocol: "secretsmanager.GetSecretValue" -> action "GetSecretValue"
        String action = target != null ? target.substring(target.indexOf('.') + 1) : params.getOrDefault("Action", "");
        requests.add(new Request(action, params, Map.copyOf(ex.getRequestHeaders()), body));
        Reply reply = next(action);
        if (reply == null) {
            reply = target != null ? jsonError(500, "InternalFailure", "fake endpoint has no reply for " + action)
                    : new Reply(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
                    + "<Message>fake endpoint has no reply for " + action + "</Message></Error></ErrorResponse>");
        }
        byte[] out = reply.xml().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", reply.contentType());
        ex.getResponseHeaders().add("x-amzn-RequestId", "req-" + ids.incrementAndGet());
        ex.sendResponseHeaders(reply.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private synchronized Reply next(String action) {
        Deque<Reply> q = replies.get(action);
        if (q == null || q.isEmpty()) {
            return null;
        }
        return q.size() > 1 ? q.poll() : q.peek();
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    // ---- real-shaped replies ----

    public static Reply rds(String action, String resultInner) {
        return new Reply(200, "<" + action + "Response xmlns=\"" + RDS_NS + "\"><" + action + "Result>" + resultInner
                + "</" + action + "Result><ResponseMetadata><RequestId>5e9f1a2c-0000-4000-8000-000000000001"
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    public static Reply rdsError(int status, String code, String message) {
        return new Reply(status, "<ErrorResponse xmlns=\"" + RDS_NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>7a1b2c3d-0000-4000-8000-000000000002"
                + "</RequestId></ErrorResponse>");
    }

    public static Reply ec2(String action, String inner) {
        return new Reply(200, "<" + action + "Response xmlns=\"" + EC2_NS + "\"><requestId>"
                + "59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + inner + "</" + action + "Response>");
    }

    public static Reply ec2Error(int status, String code, String message) {
        return new Reply(status, "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error></Errors><RequestID>b25f4f6c-0000-4000-8000-000000000003</RequestID></Response>");
    }

    /** A JSON-protocol answer (Secrets Manager, Pricing). */
    public static Reply json(String body) {
        return new Reply(200, body, JSON_11);
    }

    /** A JSON-protocol error as AWS sends it: {@code {"__type": code, "message": ...}}. */
    public static Reply jsonError(int status, String code, String message) {
        return new Reply(status, "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}",
                JSON_11);
    }

    /** One {@code <member>} of GetMetricData's MetricDataResults: a query's id, its label and its points. */
    public static String metricResult(String id, String label, java.util.SortedMap<java.time.Instant, Double> points) {
        StringBuilder ts = new StringBuilder();
        StringBuilder vs = new StringBuilder();
        points.forEach((t, v) -> {
            ts.append("<member>").append(t).append("</member>");
            vs.append("<member>").append(v).append("</member>");
        });
        return "<member><Id>" + id + "</Id><Label>" + label + "</Label><StatusCode>Complete</StatusCode><Timestamps>"
                + ts + "</Timestamps><Values>" + vs + "</Values></member>";
    }

    /** A GetMetricData answer with the given results (and a NextToken when {@code nextToken} is not null). */
    public static Reply getMetricData(String nextToken, String... results) {
        return new Reply(200, "<GetMetricDataResponse xmlns=\"" + CW_NS + "\"><GetMetricDataResult><MetricDataResults>"
                + String.join("", results) + "</MetricDataResults><Messages/>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</GetMetricDataResult><ResponseMetadata><RequestId>6f1d2e3c-0000-4000-8000-000000000004</RequestId>"
                + "</ResponseMetadata></GetMetricDataResponse>");
    }

    /** A CloudWatch error as the query protocol sends it. */
    public static Reply cloudWatchError(int status, String code, String message) {
        return new Reply(status, "<ErrorResponse xmlns=\"" + CW_NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>8b2c3d4e-0000-4000-8000-000000000005"
                + "</RequestId></ErrorResponse>");
    }

    public static Reply sts(String action, String resultInner) {
        return new Reply(200, "<" + action + "Response xmlns=\"" + STS_NS + "\"><" + action + "Result>" + resultInner
                + "</" + action + "Result><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef"
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    /** One {@code <DBInstance>} element as DescribeDBInstances returns it. */
    public static String dbInstance(String id, String status, int port, String... groupIds) {
        StringBuilder sgs = new StringBuilder();
        for (String g : groupIds) {
            sgs.append("<VpcSecurityGroupMembership><Status>active</Status><VpcSecurityGroupId>").append(g)
                    .append("</VpcSecurityGroupId></VpcSecurityGroupMembership>");
        }
        String endpoint = "creating".equals(status) ? "" : "<Endpoint><Address>" + id
                + ".abcdefghijkl.ca-central-1.rds.amazonaws.com</Address><Port>" + port
                + "</Port><HostedZoneId>Z2M4EHUR26P7ZW</HostedZoneId></Endpoint>";
        return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier>"
                + "<DBInstanceClass>db.t3.micro</DBInstanceClass><Engine>postgres</Engine>"
                + "<DBInstanceStatus>" + status + "</DBInstanceStatus><MasterUsername>root</MasterUsername>"
                + "<DBName>cruddur</DBName>" + endpoint + "<AllocatedStorage>20</AllocatedStorage>"
                + "<InstanceCreateTime>2026-11-01T10:00:00.123Z</InstanceCreateTime>"
                + "<BackupRetentionPeriod>0</BackupRetentionPeriod><DBSecurityGroups/>"
                + "<VpcSecurityGroups>" + sgs + "</VpcSecurityGroups>"
                + "<AvailabilityZone>ca-central-1a</AvailabilityZone><MultiAZ>false</MultiAZ>"
                + "<EngineVersion>16.3</EngineVersion><PubliclyAccessible>true</PubliclyAccessible>"
                + "<StorageType>gp2</StorageType><DbInstancePort>0</DbInstancePort><StorageEncrypted>true</StorageEncrypted>"
                + "<DBInstanceArn>arn:aws:rds:ca-central-1:123456789012:db:" + id + "</DBInstanceArn>"
                + "<DeletionProtection>false</DeletionProtection></DBInstance>";
    }

    public static Reply describeInstances(String... dbInstanceXml) {
        return rds("DescribeDBInstances", "<DBInstances>" + String.join("", dbInstanceXml) + "</DBInstances>");
    }

    /** One {@code <item>} of securityGroupRuleSet. */
    public static String sgRule(String ruleId, String groupId, boolean egress, String protocol, int from, int to,
                         String cidr, String description) {
        String cidrXml = cidr == null ? "<referencedGroupInfo><groupId>sg-0peer</groupId><userId>123456789012</userId></referencedGroupInfo>"
                : cidr.contains(":") ? "<cidrIpv6>" + cidr + "</cidrIpv6>" : "<cidrIpv4>" + cidr + "</cidrIpv4>";
        return "<item><securityGroupRuleId>" + ruleId + "</securityGroupRuleId><groupId>" + groupId
                + "</groupId><groupOwnerId>123456789012</groupOwnerId><isEgress>" + egress + "</isEgress>"
                + "<ipProtocol>" + protocol + "</ipProtocol><fromPort>" + from + "</fromPort><toPort>" + to
                + "</toPort>" + cidrXml + (description == null ? "" : "<description>" + description + "</description>")
                + "<tagSet/></item>";
    }

    public static Reply describeRules(String... items) {
        return ec2("DescribeSecurityGroupRules", "<securityGroupRuleSet>" + String.join("", items)
                + "</securityGroupRuleSet>");
    }

    /** A DB instance whose master password RDS manages in Secrets Manager (MasterUserSecret). */
    public static String dbInstanceWithSecret(String id, String status, int port, String secretArn) {
        return dbInstance(id, status, port, "sg-0abc").replace("</DBInstance>", "<MasterUserSecret><SecretArn>" + secretArn
                + "</SecretArn><SecretStatus>active</SecretStatus><KmsKeyId>arn:aws:kms:ca-central-1:123456789012:key/"
                + "0a1b2c3d-0000-4000-8000-000000000004</KmsKeyId></MasterUserSecret></DBInstance>");
    }

    /** One {@code <Event>} of DescribeEvents for a DB instance. */
    public static String event(String id, String isoDate, String message, String... categories) {
        StringBuilder cats = new StringBuilder();
        for (String c : categories) {
            cats.append("<EventCategory>").append(c).append("</EventCategory>");
        }
        return "<Event><SourceIdentifier>" + id + "</SourceIdentifier><SourceType>db-instance</SourceType>"
                + "<Message>" + message + "</Message><EventCategories>" + cats + "</EventCategories><Date>" + isoDate
                + "</Date><SourceArn>arn:aws:rds:ca-central-1:123456789012:db:" + id + "</SourceArn></Event>";
    }

    public static Reply describeEvents(String... events) {
        return rds("DescribeEvents", "<Events>" + String.join("", events) + "</Events>");
    }

    /** One {@code <DBSnapshot>} as DescribeDBSnapshots and CreateDBSnapshot return it. */
    public static String dbSnapshot(String snapshotId, String instanceId, String isoCreated, String status, String type) {
        return "<DBSnapshot><DBSnapshotIdentifier>" + snapshotId + "</DBSnapshotIdentifier><DBInstanceIdentifier>"
                + instanceId + "</DBInstanceIdentifier>" + (isoCreated == null ? "" : "<SnapshotCreateTime>"
                + isoCreated + "</SnapshotCreateTime>") + "<Engine>postgres</Engine><AllocatedStorage>20"
                + "</AllocatedStorage><Status>" + status + "</Status><Port>5432</Port><AvailabilityZone>ca-central-1a"
                + "</AvailabilityZone><VpcId>vpc-0abc</VpcId><InstanceCreateTime>2026-11-01T10:00:00.123Z"
                + "</InstanceCreateTime><MasterUsername>root</MasterUsername><EngineVersion>16.3</EngineVersion>"
                + "<LicenseModel>postgresql-license</LicenseModel><SnapshotType>" + type + "</SnapshotType>"
                + "<PercentProgress>" + ("available".equals(status) ? 100 : 0) + "</PercentProgress><StorageType>gp2"
                + "</StorageType><Encrypted>true</Encrypted><DBSnapshotArn>arn:aws:rds:ca-central-1:123456789012:"
                + "snapshot:" + snapshotId + "</DBSnapshotArn><IAMDatabaseAuthenticationEnabled>false"
                + "</IAMDatabaseAuthenticationEnabled></DBSnapshot>";
    }

    public static Reply describeSnapshots(String... snapshots) {
        return rds("DescribeDBSnapshots", "<DBSnapshots>" + String.join("", snapshots) + "</DBSnapshots>");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** GetSecretValue's answer for a secret whose text is {@code secretString}. */
    public static Reply secretValue(String arn, String secretString) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("ARN", arn);
        n.put("Name", arn.substring(arn.lastIndexOf(':') + 1));
        n.put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1");
        n.put("SecretString", secretString);
        n.putArray("VersionStages").add("AWSCURRENT");
        n.put("CreatedDate", 1.764000000123E9);
        return json(n.toString());
    }

    /** The JSON RDS keeps for a managed master password. */
    public static String rdsSecretString(String user, String password) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("username", user);
        n.put("password", password);
        return n.toString();
    }

    /**
     * One PriceList entry of GetProducts for AmazonRDS: a JSON document (sent as a string) with product.attributes and
     * terms.OnDemand.SKU.TERM.priceDimensions.RATE.pricePerUnit.USD, as the Price List Query API returns it.
     */
    public static String rdsPriceListEntry(String sku, String productFamily, java.util.Map<String, String> attributes,
                                           String unit, String usd, String description) {
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode product = root.putObject("product");
        product.put("productFamily", productFamily);
        com.fasterxml.jackson.databind.node.ObjectNode attrs = product.putObject("attributes");
        attrs.put("servicecode", "AmazonRDS");
        attrs.put("servicename", "Amazon Relational Database Service");
        attrs.put("locationType", "AWS Region");
        attributes.forEach(attrs::put);
        product.put("sku", sku);
        root.put("serviceCode", "AmazonRDS");
        String term = sku + ".JRTCKXETXF";
        com.fasterxml.jackson.databind.node.ObjectNode t = root.putObject("terms").putObject("OnDemand").putObject(term);
        com.fasterxml.jackson.databind.node.ObjectNode dim = t.putObject("priceDimensions").putObject(term + ".6YS6EN2CT7");
        dim.put("unit", unit);
        dim.put("endRange", "Inf");
        dim.put("description", description);
        dim.putArray("appliesTo");
        dim.put("rateCode", term + ".6YS6EN2CT7");
        dim.put("beginRange", "0");
        dim.putObject("pricePerUnit").put("USD", usd);
        t.put("sku", sku);
        t.put("effectiveDate", "2026-11-01T00:00:00Z");
        t.put("offerTermCode", "JRTCKXETXF");
        t.putObject("termAttributes");
        root.put("version", "20261101000000");
        root.put("publicationDate", "2026-11-01T00:00:00Z");
        return root.toString();
    }

    /** GetProducts' answer: FormatVersion aws_v1 and the entries as JSON strings. */
    public static Reply getProducts(String... priceListEntries) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("FormatVersion", "aws_v1");
        com.fasterxml.jackson.databind.node.ArrayNode list = n.putArray("PriceList");
        for (String e : priceListEntries) {
            list.add(e);
        }
        return json(n.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
