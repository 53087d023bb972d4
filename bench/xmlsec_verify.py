# python3-xmlsec (libxmlsec1 + lxml) in-process: the native reference for one Response.
#   /usr/bin/python3 bench/xmlsec_verify.py <response.xml> <tampered.xml> <cert.pem> <seconds>
# Signature only (no SAML checks): parse with lxml, register ID attributes, find the Signature,
# verify with a key loaded once (as samlfed caches its KeyObject). Prints one JSON line.
import json, resource, sys, time

try:
    import xmlsec
    from lxml import etree
except Exception as e:  # not installed: reported as failed, not timed
    print(json.dumps({"ok": False, "error": "python3-xmlsec/lxml not importable: %s" % e}))
    sys.exit(0)

path, tampered_path, cert, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
data = open(path, "rb").read()
bad = open(tampered_path, "rb").read()
key = xmlsec.Key.from_file(cert, xmlsec.constants.KeyDataFormatCertPem)
parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
DS = "http://www.w3.org/2000/09/xmldsig#"


def verify(doc_bytes):
    root = etree.fromstring(doc_bytes, parser)
    xmlsec.tree.add_ids(root, ["ID"])
    sig = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
    ctx = xmlsec.SignatureContext()
    ctx.key = key
    ctx.verify(sig)
    return True


try:
    verify(data)
except Exception as e:
    print(json.dumps({"ok": False, "error": "rejected the valid Response: %s" % e}))
    sys.exit(0)
try:
    verify(bad)
    print(json.dumps({"ok": False, "error": "ACCEPTED the tampered Response"}))
    sys.exit(0)
except Exception:
    pass

start = time.perf_counter()
i = 0
while time.perf_counter() - start < 0.5 or (i < 300 and time.perf_counter() - start < 15):
    verify(data)
    i += 1
n = 0
c0 = time.process_time()
t0 = time.perf_counter()
end = t0 + seconds
while time.perf_counter() < end:
    for _ in range(20):
        verify(data)
    n += 20
us = (time.perf_counter() - t0) * 1e6 / n
cpu = time.process_time() - c0
print(json.dumps({"ok": True, "opsPerSec": 1e6 / us, "opsPerCpuSec": n / cpu, "us": us, "n": n, "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
