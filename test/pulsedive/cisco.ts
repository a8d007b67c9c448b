// Cisco's own test payloads for its Pulsedive relay, as they are: the service's answers its tests
// replay and the answers they expect. From CiscoSecurity/tr-05-serverless-pulsedive at
// 43a14ed064fde1c842d36c17243e90dde4c07155 (2022-11-14, the last version with unit tests),
// code/tests/unit/payloads_for_tests.py, converted from Python to JSON and nothing else.
// Copyright (c) 2021 Cisco SecureX, MIT License.

export const PULSEDIVE_RESPONSE_MOCK = {
  "iid": 118,
  "type": "domain",
  "indicator": "parkingcrew.net",
  "risk": "medium",
  "risk_recommended": "medium",
  "manualrisk": 0,
  "retired": "No recent activity",
  "stamp_added": "2017-09-27 18:11:58",
  "stamp_updated": "2020-03-31 15:12:55",
  "stamp_seen": "2020-03-31 14:47:36",
  "stamp_probed": "2020-03-31 14:47:39",
  "stamp_retired": "",
  "recent": 0,
  "schema": {
    "hosttype": "Host Type",
    "port": "Port",
    "protocol": "Protocol",
    "technology": "Technology"
  },
  "riskfactors": [
    {
      "rfid": 60,
      "description": "found in threat feeds",
      "risk": "medium"
    },
    {
      "rfid": 32,
      "description": "registration recently updated",
      "risk": "medium"
    }
  ],
  "comments": [
    {
      "cid": 132266,
      "uid": 559,
      "username": "3ch0x2",
      "title": "Cyber Investigator",
      "comment": "",
      "stamp_added": "2020-03-15 22:13:06",
      "stamp_updated": "2020-03-31 14:47:36"
    }
  ],
  "attributes": {
    "hosttype": [
      "Name Server"
    ],
    "port": [
      "443",
      "53",
      "80"
    ],
    "protocol": [
      "DNS",
      "HTTP",
      "HTTPS"
    ],
    "technology": [
      "Nginx"
    ]
  },
  "properties": {
    "dns": {
      "A": "185.53.179.29",
      "MNAME": "ns-1403.awsdns-47.org",
      "MX": "62.116.130.8",
      "NS": [
        "ns-1403.awsdns-47.org",
        "ns-2044.awsdns-63.co.uk",
        "ns-252.awsdns-31.com",
        "ns-547.awsdns-04.net"
      ],
      "RNAME": "hostmaster@parkingcrew.com",
      "TXT": "v=spf1 -all"
    },
    "geo": {
      "city": "REDACTED FOR PRIVACY",
      "country": "Germany",
      "countrycode": "DE",
      "region": "DE"
    },
    "http": {
      "++code": "200",
      "++status": "OK",
      "connection": "keep-alive",
      "Content-Encoding": "gzip",
      "Content-Type": "text/html; charset=UTF-8",
      "date": "Tue, 31 Mar 2020 14:43:33 GMT",
      "Server": "nginx",
      "transfer-encoding": "chunked",
      "Vary": "Accept-Encoding",
      "X-Check": "3c12dc4d54f8e22d666785b733b0052100c53444"
    },
    "whois": {
      "++gdpr": "1",
      "++privacy": "1"
    }
  },
  "threats": [
    {
      "tid": 108,
      "name": "JS Crypto Miner",
      "category": "abuse",
      "risk": "unknown",
      "stamp_linked": "2018-08-06 03:44:07"
    },
    {
      "tid": 9,
      "name": "Kraken Botnet",
      "category": "malware",
      "risk": "unknown",
      "stamp_linked": "2019-01-01 04:01:30"
    }
  ],
  "feeds": [
    {
      "fid": 13,
      "name": "BBcan177 DNSBL",
      "category": "general",
      "organization": "BBcan177",
      "pricing": "free",
      "stamp_linked": "2020-02-10 07:41:05"
    }
  ]
};

export const PULSEDIVE_ACTIVE_DNS_RESPONSE = {
  "Active DNS": [
    {
      "iid": 3,
      "indicator": "187.191.98.202",
      "type": "ip",
      "risk": "low",
      "stamp_linked": "2019-06-22 10:46:47",
      "summary": {
        "properties": {
          "geo": {
            "country": "Brazil",
            "org": "Mandic S.A.",
            "countrycode": "BR"
          }
        }
      }
    }
  ]
};

export const PULSEDIVE_REQUEST_TIMEOUT = {
  "error": "Request(s) still processing.",
  "status": "processing",
  "note": "status field is in beta: processing | not found | do...",
  "qid": "110740426"
};

export const INVALID_PULSEDIVE_RESPONSE = {
  "iid": 3658835,
  "type": "domain",
  "indicator": "cisco.com",
  "risk_recommended": "none",
  "manualrisk": 0,
  "retired": "No recent activity",
  "stamp_added": "2018-12-01 16:33:36",
  "stamp_updated": "2020-06-29 16:11:16",
  "stamp_seen": "2019-11-13 03:36:17",
  "stamp_probed": "2019-10-10 17:31:12",
  "recent": 0
};

export const EXPECTED_PAYLOAD_OBSERVE = {
  "data": {
    "indicators": {
      "count": 5,
      "docs": [
        {
          "producer": "Pulsedive",
          "schema_version": "1.0.22",
          "short_description": "found in threat feeds",
          "title": "found in threat feeds",
          "tlp": "white",
          "source": "Pulsedive",
          "type": "indicator",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        },
        {
          "producer": "Pulsedive",
          "schema_version": "1.0.22",
          "short_description": "registration recently updated",
          "title": "registration recently updated",
          "tlp": "white",
          "source": "Pulsedive",
          "type": "indicator",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        },
        {
          "producer": "Pulsedive",
          "schema_version": "1.0.22",
          "severity": "Medium",
          "short_description": "Threat: Kraken Botnet",
          "title": "Threat: Kraken Botnet",
          "source_uri": "https://pulsedive.com/threat/?tid=9",
          "tags": [
            "malware"
          ],
          "tlp": "white",
          "source": "Pulsedive",
          "type": "indicator",
          "valid_time": {
            "start_time": "2019-01-01T04:01:30Z"
          }
        },
        {
          "producer": "Pulsedive",
          "source": "Pulsedive",
          "schema_version": "1.0.22",
          "severity": "Medium",
          "short_description": "Threat: JS Crypto Miner",
          "title": "Threat: JS Crypto Miner",
          "source_uri": "https://pulsedive.com/threat/?tid=108",
          "tags": [
            "abuse"
          ],
          "tlp": "white",
          "type": "indicator",
          "valid_time": {
            "start_time": "2018-08-06T03:44:07Z"
          }
        },
        {
          "producer": "BBcan177",
          "source": "Pulsedive",
          "schema_version": "1.0.22",
          "short_description": "Feed: BBcan177 DNSBL",
          "title": "Feed: BBcan177 DNSBL",
          "source_uri": "https://pulsedive.com/feed/?fid=13",
          "tags": [
            "general"
          ],
          "tlp": "white",
          "type": "indicator",
          "valid_time": {
            "start_time": "2020-02-10T07:41:05Z"
          }
        }
      ]
    },
    "judgements": {
      "count": 1,
      "docs": [
        {
          "confidence": "Medium",
          "disposition": 3,
          "disposition_name": "Suspicious",
          "observable": {
            "type": "domain",
            "value": "parkingcrew.net"
          },
          "priority": 85,
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "tlp": "white",
          "type": "judgement",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        }
      ]
    },
    "relationships": {
      "count": 5,
      "docs": [
        {
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        },
        {
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        },
        {
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        },
        {
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        },
        {
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        }
      ]
    },
    "sightings": {
      "count": 6,
      "docs": [
        {
          "confidence": "Medium",
          "count": 1,
          "description": "found in threat feeds",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2020-03-31T14:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          },
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "type": "sighting"
        },
        {
          "confidence": "Medium",
          "count": 1,
          "description": "registration recently updated",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2020-03-31T14:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          },
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "type": "sighting"
        },
        {
          "confidence": "Medium",
          "count": 1,
          "description": "Threat: Kraken Botnet",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2019-01-01T04:01:30Z",
            "start_time": "2019-01-01T04:01:30Z"
          },
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/threat/?tid=9",
          "type": "sighting"
        },
        {
          "confidence": "Medium",
          "count": 1,
          "description": "Threat: JS Crypto Miner",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2018-08-06T03:44:07Z",
            "start_time": "2018-08-06T03:44:07Z"
          },
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/threat/?tid=108",
          "type": "sighting"
        },
        {
          "confidence": "Medium",
          "count": 1,
          "description": "Feed: BBcan177 DNSBL",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2020-02-10T07:41:05Z",
            "start_time": "2020-02-10T07:41:05Z"
          },
          "schema_version": "1.0.22",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/feed/?fid=13",
          "type": "sighting"
        },
        {
          "confidence": "Medium",
          "count": 1,
          "description": "Active DNS",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "end_time": "2020-03-31T14:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          },
          "relations": {
            "Active DNS": [
              {
                "iid": 3,
                "indicator": "187.191.98.202",
                "risk": "low",
                "stamp_linked": "2019-06-22 10:46:47",
                "summary": {
                  "properties": {
                    "geo": {
                      "country": "Brazil",
                      "countrycode": "BR",
                      "org": "Mandic S.A."
                    }
                  }
                },
                "type": "ip"
              }
            ]
          },
          "schema_version": "1.0.22",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "type": "sighting"
        }
      ]
    },
    "verdicts": {
      "count": 1,
      "docs": [
        {
          "disposition": 3,
          "disposition_name": "Suspicious",
          "observable": {
            "type": "domain",
            "value": "parkingcrew.net"
          },
          "type": "verdict",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        }
      ]
    }
  }
};

export const EXPECTED_PAYLOAD_OBSERVE_WITH_LIMIT = {
  "data": {
    "indicators": {
      "count": 1,
      "docs": [
        {
          "producer": "Pulsedive",
          "schema_version": "1.0.22",
          "short_description": "found in threat feeds",
          "tlp": "white",
          "source": "Pulsedive",
          "type": "indicator",
          "title": "found in threat feeds",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        }
      ]
    },
    "judgements": {
      "count": 1,
      "docs": [
        {
          "confidence": "Medium",
          "disposition": 3,
          "disposition_name": "Suspicious",
          "observable": {
            "type": "domain",
            "value": "parkingcrew.net"
          },
          "priority": 85,
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "tlp": "white",
          "type": "judgement",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        }
      ]
    },
    "relationships": {
      "count": 1,
      "docs": [
        {
          "relationship_type": "sighting-of",
          "schema_version": "1.0.22",
          "tlp": "white",
          "type": "relationship"
        }
      ]
    },
    "sightings": {
      "count": 1,
      "docs": [
        {
          "confidence": "Medium",
          "count": 1,
          "description": "found in threat feeds",
          "observables": [
            {
              "type": "domain",
              "value": "parkingcrew.net"
            }
          ],
          "observed_time": {
            "start_time": "2020-03-31T14:47:36Z",
            "end_time": "2020-03-31T14:47:36Z"
          },
          "schema_version": "1.0.22",
          "severity": "Medium",
          "source": "Pulsedive",
          "source_uri": "https://pulsedive.com/indicator/?iid=118",
          "type": "sighting"
        }
      ]
    },
    "verdicts": {
      "count": 1,
      "docs": [
        {
          "disposition": 3,
          "disposition_name": "Suspicious",
          "observable": {
            "type": "domain",
            "value": "parkingcrew.net"
          },
          "type": "verdict",
          "valid_time": {
            "end_time": "2020-06-30T20:47:36Z",
            "start_time": "2020-03-31T14:47:36Z"
          }
        }
      ]
    }
  }
};

export const EXPECTED_PAYLOAD_REFER = {
  "data": [
    {
      "categories": [
        "Search",
        "Pulsedive"
      ],
      "description": "Lookup this domain on Pulsedive",
      "id": "ref-pulsedive-search-domain-cisco.com",
      "title": "Search for this domain",
      "url": "https://pulsedive.com/browse/?q=eyJ0eXBlIjpbImFydGlmYWN0IiwgImRvbWFpbiIsImlwIiwiaXB2NiIsInVybCJdLCJyaXNrIjpbInVua25vd24iLCJub25lIiwibG93IiwibWVkaXVtIiwiaGlnaCIsImNyaXRpY2FsIiwicmV0aXJlZCJdLCJsYXN0c2VlbiI6WyJhbGwiXSwiaW5kaWNhdG9yIjpbeyJyYXciOnsidHlwZSI6ImluZGljYXRvciIsInZhbHVlIjoiY2lzY28uY29tIn0sICJodG1sc2FmZSI6eyJ0eXBlIjoiaW5kaWNhdG9yIiwidmFsdWUiOiJjaXNjby5jb20ifSwiZXhhY3QiOnRydWV9XSwiYXR0cmlidXRlIjpbXSwicHJvcGVydHkiOltdLCJ0aHJlYXQiOltdLCAiZmVlZCI6W119"
    },
    {
      "categories": [
        "Browse",
        "Pulsedive"
      ],
      "description": "Browse this domain on Pulsedive",
      "id": "ref-pulsedive-detail-domain-parkingcrew.net",
      "title": "Browse domain",
      "url": "https://pulsedive.com/indicator/?iid=118"
    }
  ]
};

export const EXPECTED_PAYLOAD_REQUEST_TIMEOUT = {
  "errors": [
    {
      "code": "request timeout",
      "message": "Request(s) still processing.",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_KEY_ERROR = {
  "errors": [
    {
      "code": "key error",
      "message": "The data structure of Pulsedive API has changed. The module is broken.",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_SSL_ERROR = {
  "errors": [
    {
      "code": "unknown",
      "message": "Unable to verify SSL certificate: Self signed certificate",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_PAYLOAD_WITHOUT_JWT = {
  "errors": [
    {
      "code": "authorization error",
      "message": "Authorization failed: Authorization header is missing",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_PAYLOAD_INVALID_JWT = {
  "errors": [
    {
      "code": "authorization error",
      "message": "Authorization failed: Wrong JWT payload structure",
      "type": "fatal"
    }
  ]
};
