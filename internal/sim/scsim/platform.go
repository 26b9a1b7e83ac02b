package scsim

import (
	"encoding/xml"
	"time"
)

// OutSystemsPlatform.asmx (soap-apis.md §2.1): GetPlatformInfo, which takes
// no credentials and returns the Platform Server version and serial.

type getPlatformInfoRequest struct {
	XMLName xml.Name `xml:"GetPlatformInfo"`
}

type getPlatformInfoResponse struct {
	XMLName xml.Name `xml:"http://www.outsystems.com GetPlatformInfoResponse"`
	Version string   `xml:"Version"`
	Serial  string   `xml:"Serial"`
}

func (sc *ServiceCenter) platformService() service {
	return newService("ServiceCenter", "OutSystemsPlatform",
		soapOp("GetPlatformInfo", func(sc *ServiceCenter, _ *getPlatformInfoRequest, _ time.Time) (any, *fault) {
			return &getPlatformInfoResponse{Version: sc.version, Serial: sc.cfg.Serial}, nil
		}),
		notSimulated("OutSystemsPlatform", "SetLicense"),
	)
}
