package dev.openmail.adapters.dns;

import dev.openmail.domain.port.out.DnsUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jSPF's DNS over {@link DnsJavaLookup}, so that SPF asks the configured resolver, with its timeout and without
 * dnsjava's shared cache (which {@link DNSServiceXBillImpl} would use). A failed lookup is jSPF's
 * {@link TimeoutException}, which it turns into {@code temperror}.
 */
final class JspfDns implements DNSService {

    private final DnsJavaLookup lookup;
    private int recordLimit = 10;

    JspfDns(DnsJavaLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * An SPF checker over this DNS that follows each lookup to the next on the calling thread. jSPF's default
     * (asynchronous) executor stops after the first answer when that answer is empty, so a domain without a record of
     * the old SPF type was never asked for its TXT record and always came out {@code none}.
     */
    SPF checker() {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, this);
        MacroExpand macroExpand = new MacroExpand(this);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(this, parser, macroExpand, new SynchronousSPFExecutor(this));
        // the terms look the checker up when a record is parsed, after this
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = switch (request.getRecordType()) {
            case DNSRequest.A -> Type.A;
            case DNSRequest.AAAA -> Type.AAAA;
            case DNSRequest.MX -> Type.MX;
            case DNSRequest.PTR -> Type.PTR;
            case DNSRequest.SPF -> Type.SPF;
            default -> Type.TXT;
        };
        List<Record> records;
        try {
            records = lookup.records(request.getHostname(), type);
        } catch (DnsUnavailableException | IllegalArgumentException e) {
            throw new TimeoutException(e.getMessage());
        }
        // jSPF reads null as "no such record"
        return DNSServiceXBillImpl.convertRecordsToList(records.toArray(new Record[0]));
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of();
    }

    @Override
    public void setTimeOut(int timeOut) {
        // the lookup's own timeout applies
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }
}
