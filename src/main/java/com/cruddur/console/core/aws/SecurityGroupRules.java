package com.cruddur.console.core.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The four EC2 calls the console makes (describe, authorize, modify and revoke security group rules), sent as EC2's
 * Query protocol through the SDK's own HTTP client, SigV4 signer and retry strategy: the generated EC2 client (a
 * 22 MB jar for some 700 operations) is not in the app. Answers and errors are read from EC2's XML; an error
 * becomes the SDK's {@link AwsServiceException}, so {@link AwsErrors} and the retry strategy treat it as the SDK would.
 */
public final class SecurityGroupRules implements AutoCloseable {
    static final String API_VERSION = "2016-11-15";

    /** One rule as DescribeSecurityGroupRules lists it; null where EC2 sent nothing. */
    public record Rule(String securityGroupRuleId, String groupId, Boolean isEgress, String ipProtocol,
                       Integer fromPort, Integer toPort, String cidrIpv4, String cidrIpv6, String description) {
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final RetryStrategy retries;
    private final Region region;
    private final URI endpoint;
    private final Duration callTimeout;

    SecurityGroupRules(SdkHttpClient http, AwsCredentialsProvider credentials, RetryStrategy retries, Region region,
                       URI endpoint, Duration callTimeout) {
        this.http = http;
        this.credentials = credentials;
        this.retries = retries;
        this.region = region;
        this.endpoint = endpoint;
        this.callTimeout = callTimeout;
    }

    /** The rules of these groups (all of them when none is named), up to 1000. */
    public List<Rule> describe(List<String> groupIds) {
        Map<String, String> p = params("DescribeSecurityGroupRules");
        p.put("MaxResults", "1000");
        if (!groupIds.isEmpty()) {
            p.put("Filter.1.Name", "group-id");
            for (int i = 0; i < groupIds.size(); i++) {
                p.put("Filter.1.Value." + (i + 1), groupIds.get(i));
            }
        }
        return rules(call(p));
    }

    /** Adds an inbound TCP rule for one port from {@code cidr}; returns the new rule's id (null if EC2 named none). */
    public String authorizeIngress(String groupId, int port, String cidr, boolean ipv6, String description) {
        Map<String, String> p = params("AuthorizeSecurityGroupIngress");
        p.put("GroupId", groupId);
        p.put("IpPermissions.1.IpProtocol", "tcp");
        p.put("IpPermissions.1.FromPort", Integer.toString(port));
        p.put("IpPermissions.1.ToPort", Integer.toString(port));
        String range = ipv6 ? "IpPermissions.1.Ipv6Ranges.1." : "IpPermissions.1.IpRanges.1.";
        p.put(range + (ipv6 ? "CidrIpv6" : "CidrIp"), cidr);
        p.put(range + "Description", description);
        return rules(call(p)).stream().map(Rule::securityGroupRuleId).findFirst().orElse(null);
    }

    /** Points rule {@code ruleId} of {@code groupId} at {@code cidr}, as a TCP rule over the given ports. */
    public void modify(String groupId, String ruleId, int fromPort, int toPort, String cidr, boolean ipv6,
                       String description) {
        Map<String, String> p = params("ModifySecurityGroupRules");
        p.put("GroupId", groupId);
        p.put("SecurityGroupRule.1.SecurityGroupRuleId", ruleId);
        String rule = "SecurityGroupRule.1.SecurityGroupRule.";
        p.put(rule + "IpProtocol", "tcp");
        p.put(rule + "FromPort", Integer.toString(fromPort));
        p.put(rule + "ToPort", Integer.toString(toPort));
        p.put(rule + (ipv6 ? "CidrIpv6" : "CidrIpv4"), cidr);
        p.put(rule + "Description", description);
        call(p);
    }

    /** Removes these inbound rules of {@code groupId}. */
    public void revokeIngress(String groupId, List<String> ruleIds) {
        Map<String, String> p = params("RevokeSecurityGroupIngress");
        p.put("GroupId", groupId);
        for (int i = 0; i < ruleIds.size(); i++) {
            p.put("SecurityGroupRuleId." + (i + 1), ruleIds.get(i));
        }
        call(p);
    }

    @Override
    public void close() {
        http.close();
    }

    private static Map<String, String> params(String action) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", API_VERSION);
        return p;
    }

    /** One call, retried as the retry strategy decides (throttling, 5xx, I/O), within the call timeout. */
    private Document call(Map<String, String> params) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create("Ec2")).token();
        while (true) {
            try {
                Document answer = attempt(params);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (SdkException failure) {
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
                } catch (TokenAcquisitionFailedException noMore) {
                    throw failure;
                }
                token = next.token();
                long wait = next.delay().toNanos();
                if (System.nanoTime() + wait > deadline) {
                    throw ApiCallTimeoutException.builder().message("EC2 call did not complete within "
                            + callTimeout.toSeconds() + " s (last failure: " + failure.getMessage() + ")")
                            .cause(failure).build();
                }
                pause(wait);
            }
        }
    }

    /** The back-off the retry strategy asked for; this is the calling (worker) thread, as in the SDK's own clients. */
    private static void pause(long nanos) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }

    private Document attempt(Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(bytes.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request).payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast)
                    .orElseGet(InputStream::nullInputStream)) {
                answer = in.readAllBytes();
            }
        } catch (IOException e) {
            throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e).build();
        }
        SdkHttpResponse head = response.httpResponse();
        Document xml = parse(answer);
        if (head.isSuccessful() && xml != null) {
            return xml;
        }
        throw error(head, xml);
    }

    /** EC2's {@code <Response><Errors><Error><Code/><Message/>…<RequestID/>}; a body that is not one keeps no code. */
    private static AwsServiceException error(SdkHttpResponse head, Document xml) {
        String code = xml == null ? null : text(xml.getDocumentElement(), "Errors", "Error", "Code");
        String message = xml == null ? null : text(xml.getDocumentElement(), "Errors", "Error", "Message");
        String requestId = xml == null ? null : text(xml.getDocumentElement(), "RequestID");
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Ec2")
                        .sdkHttpResponse(head).build())
                .statusCode(head.statusCode()).requestId(requestId)
                .build();
    }

    private static List<Rule> rules(Document answer) {
        List<Rule> out = new ArrayList<>();
        Element set = child(answer.getDocumentElement(), "securityGroupRuleSet");
        for (Element item : children(set, "item")) {
            out.add(new Rule(text(item, "securityGroupRuleId"), text(item, "groupId"), bool(text(item, "isEgress")),
                    text(item, "ipProtocol"), integer(text(item, "fromPort")), integer(text(item, "toPort")),
                    text(item, "cidrIpv4"), text(item, "cidrIpv6"), text(item, "description")));
        }
        return out;
    }

    /** The answer as XML, or null when it is not XML (a proxy's HTML page, say). No DTDs, no external entities. */
    private static Document parse(byte[] answer) {
        if (answer.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(answer));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getTagName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String text(Element from, String... path) {
        Element e = from;
        for (String name : path) {
            e = child(e, name);
        }
        return Optional.ofNullable(e).map(Element::getTextContent).map(String::strip).orElse(null);
    }

    private static Boolean bool(String s) {
        return s == null ? null : Boolean.valueOf(s);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
